namespace Hotline400.Common;

/// <summary>A label in Chinese (the default) and English.</summary>
public sealed record LocalizedText(string Zh, string En)
{
    public string In(Language language) => language == Language.En && En.Length > 0 ? En : Zh;
    public override string ToString() => Zh;
}

/// <summary>The language of labels and messages shown to people. Chinese first.</summary>
public enum Language
{
    Zh,
    En,
}
