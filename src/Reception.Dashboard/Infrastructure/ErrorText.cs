namespace Reception.Dashboard.Infrastructure;

/// <summary>
/// The words of refusals, in the caller's language (the request's or circuit's UI culture), so a
/// page shows them as they are. Services are singletons without a localizer per request, so they
/// read them through <see cref="ResourceText"/>; <c>ErrorText.resx</c> and <c>ErrorText.zh-Hans.resx</c>.
/// </summary>
public static class ErrorText
{
    private static readonly ResourceText Words = new(typeof(ErrorText));

    public static string Get(string key, params object?[] args) => Words.Get(key, args);
}
