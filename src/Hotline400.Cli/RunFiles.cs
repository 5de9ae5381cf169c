using System.Runtime.InteropServices;

namespace Hotline400.Cli;

/// <summary>
/// The files of one run: what it reads (files, a workspace) and what it writes. <see cref="Distinct"/>,
/// called before anything is opened for writing, refuses an output that is one of the inputs, the
/// workspace or another output of the run: writing it would truncate the very file being read
/// (<c>rate --out calls.csv calls.csv</c>), and call exports are often the only copy.
/// </summary>
internal sealed class RunFiles
{
    private readonly List<string> _inputs = [];
    private readonly List<(string Option, string Path)> _outputs = [];
    private string? _workspace;
    private bool _workspaceWritten;

    /// <summary>A file the run reads (ignored when null: an option not given).</summary>
    public RunFiles Input(string? path)
    {
        if (path is not null)
        {
            _inputs.Add(path);
        }
        return this;
    }

    public RunFiles Inputs(IEnumerable<string> paths)
    {
        _inputs.AddRange(paths);
        return this;
    }

    /// <summary>The workspace (<c>--db</c>): read, and written too when <paramref name="written"/> (then it must not be an input file either).</summary>
    public RunFiles Workspace(string path, bool written)
    {
        _workspace = path;
        _workspaceWritten = written;
        return this;
    }

    /// <summary>A file the run writes, given with <paramref name="option"/> (ignored when null).</summary>
    public RunFiles Output(string option, string? path)
    {
        if (path is not null)
        {
            _outputs.Add((option, path));
        }
        return this;
    }

    /// <summary>Files the run writes under one option (the charts written into a folder).</summary>
    public RunFiles Outputs(string option, IEnumerable<string> paths)
    {
        _outputs.AddRange(paths.Select(p => (option, p)));
        return this;
    }

    /// <summary>
    /// True when every output is a file of its own; otherwise false after saying which output is
    /// which input (<c>错误：--out 与输入文件 calls.csv 是同一个文件；请给出另一个文件名</c>).
    /// </summary>
    public bool Distinct(CliConsole console)
    {
        if (_workspace is not null && _workspaceWritten && _inputs.FirstOrDefault(i => FileIdentity.Same(i, _workspace)) is { } read)
        {
            console.Fail(CliMessages.SameAsInput("--db", read));
            return false;
        }
        for (var i = 0; i < _outputs.Count; i++)
        {
            var (option, path) = _outputs[i];
            if (_inputs.FirstOrDefault(input => FileIdentity.Same(input, path)) is { } input)
            {
                console.Fail(CliMessages.SameAsInput(option, input));
                return false;
            }
            if (_workspace is not null && FileIdentity.Same(_workspace, path))
            {
                console.Fail(CliMessages.SameAsWorkspace(option, _workspace));
                return false;
            }
            for (var j = 0; j < i; j++)
            {
                if (FileIdentity.Same(_outputs[j].Path, path))
                {
                    console.Fail(CliMessages.SameOutputs(option, _outputs[j].Option, path));
                    return false;
                }
            }
        }
        return true;
    }
}

/// <summary>
/// Whether two paths name one file, as the file system sees it: on Linux by device and inode when
/// both exist (a hard link, a symbolic link, <c>./a</c> and <c>a</c> are all the same file);
/// otherwise by full path with every symbolic link on the way followed, ignoring case on Windows
/// and macOS, whose file systems usually do. A device or a pipe is not a file that writing
/// destroys: <c>--out /dev/null --rejects /dev/null</c> are not the same file in this sense.
/// </summary>
internal static class FileIdentity
{
    private const int MaxLinks = 40;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public static bool Same(string a, string b)
    {
        if (Stat(a) is { } x && Stat(b) is { } y)
        {
            return x.Device == y.Device && x.Inode == y.Inode && x.Regular;
        }
        return string.Equals(Canonical(a), Canonical(b), PathComparison);
    }

    /// <summary>The full path with every symbolic link in it followed (as far as they exist); a loop of links leaves the rest as written.</summary>
    public static string Canonical(string path) => Canonical(path, 0);

    private static string Canonical(string path, int depth)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Combine(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                target = null;
            }
            if (target is not null)
            {
                if (depth >= MaxLinks)
                {
                    return Path.GetFullPath(path);
                }
                next = Canonical(Path.IsPathRooted(target) ? target : Path.Combine(current, target), depth + 1);
            }
            current = next;
        }
        return current;
    }

    /// <summary>
    /// The file's device and inode, and whether it is a regular file (symbolic links followed), on
    /// 64-bit Linux; null elsewhere, or when it does not exist.
    /// </summary>
    private static (ulong Device, ulong Inode, bool Regular)? Stat(string path)
    {
        // struct stat starts with st_dev and st_ino, 8 bytes each, on x86-64 and arm64 (glibc and
        // musl); st_mode follows st_nlink (8 bytes) on x86-64, directly on arm64. 256 bytes hold it all.
        var modeAt = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => -1,
        };
        if (!OperatingSystem.IsLinux() || modeAt < 0)
        {
            return null;
        }
        var buffer = new byte[256];
        try
        {
            if (Native.Stat(path, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return null; // a C library without stat (glibc before 2.33 has __xstat): paths are compared instead
        }
        const uint FileType = 0xF000, RegularFile = 0x8000; // S_IFMT, S_IFREG
        return (BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8), (BitConverter.ToUInt32(buffer, modeAt) & FileType) == RegularFile);
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "stat", ExactSpelling = true)]
        public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
    }
}
