namespace Reception.Dashboard.Features.Admin;

/// <summary>
/// The words of the site's configuration (site, posts, shifts, departments, staff, roster, units):
/// <c>AdminText.resx</c> (English) and <c>AdminText.zh-Hans.resx</c>; every key in both. Pages read
/// them through <c>IStringLocalizer&lt;AdminText&gt;</c>; the services are singletons without a
/// localizer per request, so they read their refusals through <see cref="Get"/>, in the caller's
/// language (the request's or circuit's UI culture), as <c>ErrorText.Get</c> does.
/// </summary>
public sealed class AdminText
{
    private static readonly ResourceText Words = new(typeof(AdminText));

    public static string Get(string key, params object?[] args) => Words.Get(key, args);
}
