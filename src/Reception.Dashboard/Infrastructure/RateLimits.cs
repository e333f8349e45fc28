using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Reception.Dashboard.Infrastructure;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in and setup attempts per client address per minute; lockout guards each account besides.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>PIN attempts on guard phones per client address per minute; wrong PINs also count towards the account's lockout.</summary>
    public int PinPerMinute { get; set; } = 10;

    /// <summary>Enrolment-code redemptions and pairing-code approvals per client address per minute: codes are short, guessing must be slow.</summary>
    public int PairingPerMinute { get; set; } = 10;

    /// <summary>Loads of the wall's pairing page per client address per minute; each screen reloads it every 5 s until paired.</summary>
    public int WallPagePerMinute { get; set; } = 120;

    /// <summary>Requests per personal access token per minute.</summary>
    public int TokenRequestsPerMinute { get; set; } = 600;
}

public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Pin = "pin";
    public const string Pairing = "pairing";
    public const string WallPage = "wall-page";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section));
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignIn, context => AttemptsByAddress(context, o => o.SignInPerMinute));
            limiter.AddPolicy(Pin, context => AttemptsByAddress(context, o => o.PinPerMinute));
            limiter.AddPolicy(Pairing, context => AttemptsByAddress(context, o => o.PairingPerMinute));
            // Every load counts here: an unpaired screen's load creates its pairing code.
            limiter.AddPolicy(WallPage, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => PerMinute(Limits(context).WallPagePerMinute)));

            // Every request made with a token counts against that token, whatever it calls.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                TokenAuthenticationHandler.SecretFrom(context.Request) is { } secret
                    ? RateLimitPartition.GetFixedWindowLimiter("token:" + AccessToken.Hash(secret), _ => PerMinute(Limits(context).TokenRequestsPerMinute))
                    : RateLimitPartition.GetNoLimiter("no-token"));

            limiter.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: ApiProblems.Title(StatusCodes.Status429TooManyRequests),
                    detail: ErrorText.Get("TooManyAttempts", (int)Math.Ceiling(retryAfter.TotalSeconds))).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    // Only attempts count: showing the page is free.
    private static RateLimitPartition<string> AttemptsByAddress(HttpContext context, Func<RateLimitOptions, int> limit) =>
        HttpMethods.IsGet(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("views")
            : RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => PerMinute(limit(Limits(context))));

    private static RateLimitOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
}
