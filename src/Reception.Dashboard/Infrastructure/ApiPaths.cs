namespace Reception.Dashboard.Infrastructure;

public static class ApiPaths
{
    /// <summary>Machine paths: they answer problem+json and status codes, never an HTML page or a redirect.</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/openapi");
}
