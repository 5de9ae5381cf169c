using Spectre.Console;

namespace Hotline400.Cli;

/// <summary>
/// Where a command writes: plain writers for output and errors, and a Spectre console for
/// tables. Progress bars are shown only on an interactive terminal.
/// </summary>
public sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, bool interactive)
    {
        Out = output;
        Error = error;
        Interactive = interactive;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            Ansi.Profile.Width = 160;
        }
    }

    public TextWriter Out { get; }
    public TextWriter Error { get; }
    public bool Interactive { get; }
    public IAnsiConsole Ansi { get; }
}
