using Hotline400.Common;
using Spectre.Console;

namespace Hotline400.Cli;

/// <summary>
/// Where a command writes: plain writers for output and errors, and a Spectre console for
/// tables. Progress bars are shown only on an interactive terminal. <see cref="Language"/> is the
/// command's <c>--lang</c> (Chinese unless <c>--lang en</c>), in which <see cref="Fail(LocalizedText)"/>
/// prints error lines.
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

    /// <summary>The language of messages: the command's <c>--lang</c>, set once the command line is parsed.</summary>
    public Language Language { get; set; } = Language.Zh;

    /// <summary>Prints an error line on stderr: <c>错误：…</c>, or <c>error: …</c> with <c>--lang en</c>.</summary>
    public void Fail(LocalizedText message) => Error.WriteLine(CliMessages.ErrorLine(message, Language));

    /// <summary>Prints each message as an error line.</summary>
    public void Fail(IEnumerable<LocalizedText> messages)
    {
        foreach (var m in messages)
        {
            Fail(m);
        }
    }
}
