using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Reception.Dashboard.Features.Devices;

namespace Reception.Dashboard.Features.Accounts;

public static class AccountsRegistration
{
    private const string CookieOrToken = "CookieOrToken";
    public const string AuthCookieName = "reception.auth";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrToken;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(CookieOrToken, "Cookie, personal access token or wall screen", o =>
                o.ForwardDefaultSelector = context => ChooseScheme(context.Request))
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, DisplayAuthenticationHandler>(DisplayAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Lockout.AllowedForNewUsers = true;
                // Staff are often named in Chinese; control characters are refused with the other fields.
                o.User.AllowedUserNameCharacters = "";
            })
            .AddEntityFrameworkStores<ReceptionDbContext>()
            .AddSignInManager()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddClaimsPrincipalFactory<UserClaimsFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = AuthCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/sign-in";
            o.AccessDeniedPath = "/denied";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = UserSessions.IdleLifetime;
            // Machines get status codes, people get the sign-in page.
            o.Events.OnRedirectToLogin = async context =>
            {
                if (!ApiPaths.IsApi(context.Request.Path) && await DevicePaths.InsteadOfSignInAsync(context.HttpContext) is { } devicePage)
                {
                    context.Response.Redirect(devicePage);
                    return;
                }

                await ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
            };
            o.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
            o.Events.OnSigningIn = context => context.Principal is null
                ? Task.CompletedTask
                : context.HttpContext.RequestServices.GetRequiredService<UserSessions>()
                    .StartAsync(context.Principal, context.HttpContext.User, context.HttpContext.RequestAborted);
            o.Events.OnCheckSlidingExpiration = context => context.ShouldRenew
                ? context.HttpContext.RequestServices.GetRequiredService<UserSessions>()
                    .RenewAsync(context.Principal!, context.HttpContext.RequestAborted)
                : Task.CompletedTask;
            // Checked on every request, so a changed role, a reset password or a disabled account is
            // refused at the next call. Unlike Identity's stamp validator at interval zero, this does
            // not re-issue the cookie on every request, which could revive a session just signed out.
            o.Events.OnValidatePrincipal = async context =>
            {
                var check = context.HttpContext.RequestServices.GetRequiredService<PrincipalCheck>();
                if (context.Principal is null || !await check.StillValidAsync(context.Principal, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            };
        });

        services.AddAuthorizationBuilder().AddSitePermissionPolicies()
            .AddPolicy(SitePermissionPolicies.AnyAdmin, p => p.RequireAuthenticatedUser().RequireAssertion(c => Access.IsAnyAdmin(c.User)));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, SitePermissionHandler>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthState>();

        services.AddScoped<SignInService>();
        services.AddScoped<PhoneSignInService>();
        services.AddSingleton<DeviceService>();
        services.AddSingleton<EnrolPhone>();
        services.AddSingleton<RedeemEnrolment>();
        services.AddSingleton<PairScreen>();
        services.AddSingleton<RevokeDevice>();
        services.AddSingleton<PrincipalCheck>();
        services.AddSingleton<TokenCache>();
        services.AddSingleton<UserSessions>();
        services.AddSingleton<Infrastructure.Idempotency.IdempotencyLedger>();
        services.AddSingleton<UserAdminService>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<SetupCode>();
        services.AddHostedService<SetupAnnouncer>();
        return services;
    }

    /// <summary>A token if one is sent; else a person's cookie; else a wall screen's display credential.</summary>
    private static string ChooseScheme(HttpRequest request) =>
        TokenAuthenticationHandler.SecretFrom(request) is not null ? TokenAuthenticationHandler.SchemeName
        : request.Cookies.ContainsKey(AuthCookieName) || DeviceCookie.Read(request) is null ? IdentityConstants.ApplicationScheme
        : DisplayAuthenticationHandler.SchemeName;

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (ApiPaths.IsApi(context.Request.Path))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
