// The `hotline400` command: one verb per file under Commands/.
return Hotline400.Cli.CliApp.Run(args, Console.Out, Console.Error);
