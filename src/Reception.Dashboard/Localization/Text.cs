namespace Reception.Dashboard.Localization;

/// <summary>
/// The product's words. <c>Text.resx</c> holds English, <c>Text.zh-Hans.resx</c> Chinese; every key
/// must exist in both (a test checks). Inject <c>IStringLocalizer&lt;Text&gt;</c>.
/// </summary>
public sealed class Text;
