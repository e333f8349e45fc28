namespace Reception.Dashboard.Features.Devices;

/// <summary>The cookie a phone or screen keeps its device secret in, for as long as a browser allows.</summary>
public static class DeviceCookie
{
    public const string Name = "reception.device";

    public static string? Read(HttpRequest request) => request.Cookies[Name];

    public static void Write(HttpContext context, string secret, DateTime now) =>
        context.Response.Cookies.Append(Name, secret, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Path = "/",
            Expires = now.AddDays(400), // the longest browsers keep a cookie
        });
}
