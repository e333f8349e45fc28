namespace Reception.Dashboard.Infrastructure;

/// <summary>
/// Refuses a state-changing API or hub request that a browser sent from another origin. Cookies
/// marked SameSite still travel between ports of one host, so another web page on the property's
/// LAN could otherwise post to /api with the user's cookie. Browsers always send Origin on such
/// requests; scripts and devices send none and are unaffected.
/// </summary>
public sealed class SameOriginGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiPaths.IsApi(context.Request.Path) && ChangesStateOrOpensHub(context.Request)
            && context.Request.Headers.Origin.ToString() is { Length: > 0 } origin
            && !SameOrigin(origin, context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: ApiProblems.Title(StatusCodes.Status403Forbidden),
                detail: ErrorText.Get("Problem.OtherOrigin")).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static bool ChangesStateOrOpensHub(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        || request.Path.StartsWithSegments("/hubs");

    private static bool SameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
