using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Reception.Dashboard.Features.Devices;

/// <summary>
/// A paired wall screen's display credential: the device cookie of an active screen becomes a
/// principal that may only read its one site's board. It is no person, so it has no user id, and
/// every service that needs one refuses it. A phone's cookie alone authenticates nobody: a guard
/// signs in on it with a PIN.
/// </summary>
public sealed class DisplayAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DeviceService devices,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Display";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = DeviceCookie.Read(Request);
        if (secret is null || !IsScreenPath(Request.Path))
        {
            return AuthenticateResult.NoResult();
        }

        var device = await devices.ActiveDeviceAsync(secret, Context.RequestAborted);
        if (device is not { Kind: DeviceKind.WallScreen })
        {
            return AuthenticateResult.NoResult();
        }

        // A screen that runs for years keeps its credential: every page load renews the cookie.
        if (HttpMethods.IsGet(Request.Method) && !ApiPaths.IsApi(Request.Path) && !Request.Path.StartsWithSegments("/_blazor"))
        {
            DeviceCookie.Write(Context, secret, clock.GetUtcNow().UtcDateTime);
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, device.Name),
            new Claim(ReceptionClaims.DeviceId, device.Id.ToString()),
            new Claim(ReceptionClaims.DisplaySite, device.SiteId!.Value.ToString()),
            new Claim(ReceptionClaims.DisplayView, (device.View ?? WallView.Full).ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>
    /// A screen is a screen: its credential opens wall pages, their live connection, the hub and
    /// the sites' read API, not the pages people use (board, desk, guard), which send it back to its
    /// wall, nor account, token or API-description addresses, where it is nobody.
    /// </summary>
    private static bool IsScreenPath(PathString path) =>
        path.Value?.EndsWith("/wall", StringComparison.Ordinal) == true
        || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/api/sites");

    /// <summary>An unpaired or revoked screen goes back to its pairing code; a phone to its enrolment and PIN page.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (ApiPaths.IsApi(Request.Path))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        Response.Redirect(await DevicePaths.InsteadOfSignInAsync(Context)
            ?? $"/sign-in?returnUrl={Uri.EscapeDataString(Request.PathBase + Request.Path + Request.QueryString)}");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}

/// <summary>Where devices land when they are not (or no longer) signed in.</summary>
public static class DevicePaths
{
    public const string PhoneSignIn = "/phone";
    public const string Wall = "/wall";

    /// <summary>
    /// Instead of the sign-in page: a wall page goes back to pairing, and a page opened on a
    /// phone goes to the PIN page (which shows the enrolment page if the phone was revoked).
    /// </summary>
    public static async Task<string?> InsteadOfSignInAsync(HttpContext context)
    {
        var devices = context.RequestServices.GetRequiredService<DeviceService>();
        return await devices.HolderAsync(DeviceCookie.Read(context.Request), context.RequestAborted) switch
        {
            { Kind: DeviceKind.GuardPhone } => PhoneSignIn,
            { Kind: DeviceKind.WallScreen, Status: DeviceStatus.Active } => Wall,
            // A wall page is opened by a screen to be paired; anything else by a person, even in a
            // browser that once showed a pairing code.
            _ => context.Request.Path.Value?.EndsWith("/wall", StringComparison.Ordinal) == true ? Wall : null,
        };
    }
}
