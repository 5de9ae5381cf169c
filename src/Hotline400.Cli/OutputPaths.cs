namespace Hotline400.Cli;

/// <summary>
/// The checks made on a place to write before anything is written there, one per kind of
/// output, so that every verb says the same thing about the same mistake: a file (<c>--out</c>,
/// <c>--rejects</c>, <c>--html</c>, <c>advise --png</c>), a folder (<c>report --png</c>,
/// <c>demo --dir</c>) or a workspace (<c>--db</c>). Each prints why and returns false when the
/// place cannot be used; a folder that is missing is there to be made only when its parent is.
/// </summary>
internal static class OutputPaths
{
    /// <summary>A file to write: not a folder, in a folder that exists.</summary>
    public static bool File(CliConsole console, string option, string? path)
    {
        if (path is null)
        {
            return true;
        }
        if (Directory.Exists(path))
        {
            console.Fail(CliMessages.IsAFolder(option, path));
            return false;
        }
        return ParentIsAFolder(console, option, path);
    }

    /// <summary>
    /// A folder to write files into: a folder, or nothing yet in a folder that exists (the caller
    /// makes the last folder, never a chain of them); not a file, a device or a broken link.
    /// </summary>
    public static bool Folder(CliConsole console, string option, string? path)
    {
        if (path is null || Directory.Exists(path))
        {
            return true;
        }
        if (Exists(path))
        {
            console.Fail(CliMessages.NotAFolder(option, path));
            return false;
        }
        return ParentIsAFolder(console, option, path);
    }

    /// <summary>
    /// A workspace file (<c>--db</c>): not a folder; when it does not exist yet, one the verb may
    /// <paramref name="create"/>, in a folder that exists. (SQLite would say only "unable to open
    /// database file".)
    /// </summary>
    public static bool Workspace(CliConsole console, string path, bool create)
    {
        if (Directory.Exists(path))
        {
            console.Fail(CliMessages.IsAFolder("--db", path));
            return false;
        }
        if (Exists(path))
        {
            return true;
        }
        if (!create)
        {
            console.Fail(CliMessages.NoWorkspace(path));
            return false;
        }
        return ParentIsAFolder(console, "--db", path);
    }

    /// <summary>Whether anything is at the path: a file, a device, a link (even a broken one).</summary>
    private static bool Exists(string path)
    {
        var info = new FileInfo(path);
        return info.Exists || info.LinkTarget is not null;
    }

    private static bool ParentIsAFolder(CliConsole console, string option, string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is not { } parent || Directory.Exists(parent))
        {
            return true;
        }
        console.Fail(Exists(parent) ? CliMessages.NotAFolder(option, parent) : CliMessages.FolderMissing(option, parent));
        return false;
    }
}
