using System.Resources;

namespace Reception.Dashboard.Infrastructure;

/// <summary>
/// The words of refusals, in the caller's language (the request's or circuit's UI culture), so a
/// page shows them as they are. Services are singletons without a localizer per request, so they
/// read the resources through this one manager; <c>ErrorText.resx</c> and <c>ErrorText.zh-Hans.resx</c>.
/// </summary>
public static class ErrorText
{
    private static readonly ResourceManager Resources = new("Reception.Dashboard.Infrastructure.ErrorText", typeof(ErrorText).Assembly);

    public static string Get(string key, params object?[] args)
    {
        var text = Resources.GetString(key) ?? key;
        return args.Length == 0 ? text : string.Format(System.Globalization.CultureInfo.CurrentCulture, text, args);
    }
}
