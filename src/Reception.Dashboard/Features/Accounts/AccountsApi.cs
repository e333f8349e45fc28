using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Reception.Dashboard.Features.Accounts;

public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Accounts");

        auth.MapPost("/sign-in", async Task<Results<Ok<MeDto>, ProblemHttpResult>> (SignInRequest request, SignInService signIn, IDbContextFactory<ReceptionDbContext> dbFactory) =>
        {
            var outcome = await signIn.SignInAsync(request.UserName, request.Password, persistent: false);
            if (outcome.Kind == SignInOutcomeKind.SignedIn)
            {
                return TypedResults.Ok(await MeAsync(dbFactory, outcome.User!));
            }

            var extensions = outcome.LockedUntil is { } until ? new Dictionary<string, object?> { ["lockedUntil"] = until.UtcDateTime } : null;
            return TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status401Unauthorized, title: ApiProblems.Title(StatusCodes.Status401Unauthorized), extensions: extensions);
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn);

        auth.MapPost("/sign-out", async (ClaimsPrincipal user, SignInManager<User> signIn, UserSessions sessions, CancellationToken ct) =>
        {
            await sessions.EndAsync(user, ct);
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        }).RequireAuthorization();

        auth.MapGet("/me", async (ClaimsPrincipal user, UserManager<User> users, IDbContextFactory<ReceptionDbContext> dbFactory) =>
        {
            var me = await users.GetUserAsync(user) ?? throw new UnauthenticatedException();
            return await MeAsync(dbFactory, me);
        }).RequireAuthorization();

        auth.MapPost("/change-password", async (ClaimsPrincipal user, ChangePasswordRequest request, UserManager<User> users, SignInManager<User> signIn, HubConnections connections) =>
        {
            Access.DemandPerson(user);
            var me = await users.GetUserAsync(user) ?? throw new UnauthenticatedException();

            var result = await users.ChangePasswordAsync(me, request.CurrentPassword ?? "", request.NewPassword ?? "");
            if (!result.Succeeded)
            {
                var field = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) ? "currentPassword" : "newPassword";
                throw new RuleViolationException(new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() });
            }

            // The new security stamp ends every other session; keep this one.
            connections.AbortAll(me.Id);
            await signIn.RefreshSignInAsync(me);
            return TypedResults.NoContent();
        }).RequireAuthorization();

        auth.MapPut("/pin", async (ClaimsPrincipal user, SetPinRequest request, Devices.PhoneSignInService pins) =>
        {
            await pins.SetPinAsync(user, request);
            return TypedResults.NoContent();
        }).WithSummary("Sets the signed-in person's PIN for guard phones.").RequireAuthorization();

        api.MapPost("/setup", (SetupRequest request, UserAdminService admin, CancellationToken ct) => admin.SetUpFirstAdminAsync(request, ct))
            .WithTags("Accounts")
            .WithSummary("Creates the first administrator with the one-time code printed at start.")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn);

        return api;
    }

    /// <summary>Sign-out for the pages' form button; the form carries an antiforgery token.</summary>
    public static WebApplication MapSignOutForm(this WebApplication app)
    {
        // The endpoint reads its form itself and asks for antiforgery validation by metadata: the
        // build-time binding of a form field would let the form reader throw (a 500) on a bad token.
        app.MapPost("/account/sign-out", async Task<IResult> (HttpContext http, ClaimsPrincipal user, SignInManager<User> signIn, UserSessions sessions, CancellationToken ct) =>
        {
            if (http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } || !http.Request.HasFormContentType)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: ApiProblems.Title(StatusCodes.Status400BadRequest), detail: ErrorText.Get("Request.Unreadable"));
            }

            var form = await http.Request.ReadFormAsync(ct);
            await sessions.EndAsync(user, ct);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(LocalUrls.OrDefault(form["returnUrl"].ToString(), "/"));
        }).RequireAuthorization().WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        return app;
    }

    private static async Task<MeDto> MeAsync(IDbContextFactory<ReceptionDbContext> dbFactory, User user)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var roles = await db.UserSiteRoles.AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync();
        return new MeDto(user.Id, user.UserName ?? "", user.DisplayName, user.SystemAdmin,
            roles.Select(r => new SiteRoleDto(r.SiteId, r.Role)).ToList());
    }
}
