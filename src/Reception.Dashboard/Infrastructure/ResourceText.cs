using System.Globalization;
using System.Resources;

namespace Reception.Dashboard.Infrastructure;

/// <summary>
/// The words of one resx pair (<c>X.resx</c> English, <c>X.zh-Hans.resx</c> Chinese) for code that has
/// no localizer per request, such as singleton services: in the caller's language (the request's or
/// circuit's UI culture), or in a language given. A missing key shows as itself, never as an error.
/// </summary>
public sealed class ResourceText(Type resource)
{
    private readonly ResourceManager _resources = new(resource.FullName!, resource.Assembly);

    public string Get(string key, params object?[] args) => Format(CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture, key, args);

    public string In(CultureInfo culture, string key, params object?[] args) => Format(culture, culture, key, args);

    private string Format(CultureInfo language, CultureInfo format, string key, object?[] args)
    {
        var text = _resources.GetString(key, language) ?? key;
        return args.Length == 0 ? text : string.Format(format, text, args);
    }
}
