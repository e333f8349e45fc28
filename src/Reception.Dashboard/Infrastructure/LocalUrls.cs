namespace Reception.Dashboard.Infrastructure;

public static class LocalUrls
{
    /// <summary>
    /// A path on this site ("/board"), never an address that leaves it: not "//host", not "/\host",
    /// and no control characters a browser might strip into one of those.
    /// </summary>
    public static bool IsLocal(string? url) =>
        url is ['/', ..]
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? url! : fallback;
}
