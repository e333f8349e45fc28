using Microsoft.AspNetCore.Http.Json;

namespace Reception.Dashboard.Infrastructure;

public static class ApiRegistration
{
    public static IServiceCollection AddApiConventions(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<JsonOptions>(o => ServerJson.Configure(o.SerializerOptions));
        // Unreadable bodies raise BadHttpRequestException in every environment, so the exception
        // handler words the 400 the same way under `dotnet run` as in production.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        return services;
    }

    /// <summary>Problem+json for every API error status, HTML pages for people everywhere else.</summary>
    public static WebApplication UseApiConventions(this WebApplication app)
    {
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        // Unknown API addresses are answered here, not by a catch-all endpoint: routing would prefer
        // such an endpoint to the 415 it gives a known address sent a body it does not take.
        app.UseWhen(c => ApiPaths.IsApi(c.Request.Path), api => api.UseStatusCodePages(context => ApiProblems.WriteForStatusAsync(context.HttpContext)));
        app.UseWhen(c => !ApiPaths.IsApi(c.Request.Path),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseMiddleware<SameOriginGuard>();
        return app;
    }
}
