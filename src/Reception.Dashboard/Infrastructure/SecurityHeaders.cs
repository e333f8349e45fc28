namespace Reception.Dashboard.Infrastructure;

/// <summary>
/// Headers every answer carries: no content-type guessing, no referrer leaving the property's
/// network, no framing of the board inside another site's page (clickjacking), and a content
/// policy that runs only the app's own scripts, so injected markup cannot execute.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    // MudBlazor sets style attributes and inserts style elements, so inline styles are allowed, and
    // nothing else inline. QR codes are data: images. 'self' covers the circuit's and hub's WebSockets.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;

            return Task.CompletedTask;
        });
        return next(context);
    }
}
