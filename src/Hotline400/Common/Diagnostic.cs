namespace Hotline400.Common;

/// <summary>A problem found in a user's file, with the place it was found. Errors users can cause are values, not exceptions.</summary>
public sealed record Diagnostic(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}

/// <summary>The outcome of loading a file: the value when it is usable, and every problem found.</summary>
public sealed record LoadResult<T>(T? Value, IReadOnlyList<Diagnostic> Diagnostics) where T : class
{
    public bool Ok => Value is not null && Diagnostics.Count == 0;
}
