using System.Globalization;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// The words of visits (<c>VisitText.resx</c>, <c>VisitText.zh-Hans.resx</c>): pages read them through
/// <c>IStringLocalizer&lt;VisitText&gt;</c>; the use cases, singletons without a localizer per request, word
/// their refusals through <see cref="Get(string, object?[])"/> in the caller's UI culture.
/// </summary>
public sealed class VisitText
{
    private static readonly ResourceText Words = new(typeof(VisitText));

    /// <summary>The duty chat and engineering read both languages in one message, whoever caused it.</summary>
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>A text in the caller's language (the request's or circuit's UI culture).</summary>
    public static string Get(string key, params object?[] args) => Words.Get(key, args);

    /// <summary>A text in the language given, whatever the caller's.</summary>
    public static string In(CultureInfo culture, string key, params object?[] args) => Words.In(culture, key, args);
}
