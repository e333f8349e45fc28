using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Features.Devices;
using Reception.Dashboard.Realtime;
using Reception.Dashboard.Tests.Features.Devices;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Accounts;

/// <summary>
/// Every endpoint and hub method × every kind of caller, against one table of who may do what.
/// An endpoint or hub method missing from the table fails the test. Site A is the site in every
/// route; the callers on phones, wall screens and from elsewhere are arranged in AuthorizationMatrixTests.Devices.cs.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private enum Caller
    {
        Anonymous,
        SystemAdmin,
        TokenOfOtherSite,
        AdminTokenOfSite,
        Disabled,
        Role,
        /// <summary>A guard signed in with staff number and PIN on a phone enrolled at site A.</summary>
        PhoneSession,
        /// <summary>The same on a phone enrolled at site B, by an account that is also Admin at site A.</summary>
        PhoneOfOtherSite,
        /// <summary>A wall screen paired with site A: its display credential.</summary>
        WallScreen,
        WallOfOtherSite,
        /// <summary>A guard's cookie from before their Guard role was removed, or their phone after it.</summary>
        RoleRemoved,
        /// <summary>An Admin at site B only.</summary>
        AdminOfOtherSite,
    }

    private sealed record Principal(string Name, Caller Kind, SiteRole? Role, CookieContainer? Cookies, string? Token);

    private delegate bool Rule(Principal p);

    // Callers the server must take for no one: nobody, a disabled account, a cookie a role change outdated.
    private static bool Nobody(Principal p) => p.Kind is Caller.Anonymous or Caller.Disabled or Caller.RoleRemoved;

    private static bool Screen(Principal p) => p.Kind is Caller.WallScreen or Caller.WallOfOtherSite;

    private static bool OnPhone(Principal p) => p.Kind is Caller.PhoneSession or Caller.PhoneOfOtherSite;

    private static readonly Rule Anyone = _ => true;
    // A person's cookie, a token, or a guard's session on a phone; a wall screen is nobody's session.
    private static readonly Rule SignedIn = p => !Nobody(p) && !Screen(p);
    // The hub: wall screens hear their board live too.
    private static readonly Rule SignedInOrScreen = p => SignedIn(p) || Screen(p);
    // A person who signed in with their password: not a token, not a PIN session on a phone.
    private static readonly Rule Person = p => SignedIn(p) && p.Token is null && !OnPhone(p);

    // A person or their token; not a PIN session on a guard phone, which is only a guard's.
    private static readonly Rule NotOnPhone = p => SignedIn(p) && !OnPhone(p);
    private static readonly Rule SystemAdminOnly = p => p.Kind == Caller.SystemAdmin;
    // The account the user endpoints act on works at site A only.
    private static readonly Rule AdminOfTarget = p => p.Kind == Caller.SystemAdmin || (p.Kind == Caller.Role && p.Role == SiteRole.Admin);
    private static readonly Rule AnyAdmin = p => AdminOfTarget(p) || p.Kind == Caller.AdminOfOtherSite;

    // A phone session is a Guard at the phone's site whatever else the account holds; a wall screen only reads its site's board.
    private static Rule AtSite(Permission permission) =>
        p => p.Kind == Caller.SystemAdmin
            || (p.Kind is Caller.Role or Caller.AdminTokenOfSite or Caller.PhoneSession && Permissions.Grants(p.Role!.Value, permission))
            || (p.Kind == Caller.WallScreen && permission == Permission.ViewBoard);

    private static Rule PersonAtSite(Permission permission) => p => Person(p) && AtSite(permission)(p);

    // The one table. Keys are "METHOD route-pattern" as the app registers them.
    private static readonly Dictionary<string, Rule> Endpoints = new()
    {
        ["POST /api/auth/sign-in"] = Anyone,
        ["POST /api/auth/sign-out"] = SignedIn,
        ["GET /api/auth/me"] = SignedIn,
        ["POST /api/auth/change-password"] = Person,
        ["POST /api/setup"] = Anyone,
        ["GET /api/users"] = AnyAdmin,
        ["POST /api/users"] = AnyAdmin,
        ["POST /api/users/{userId:guid}/reset-password"] = AdminOfTarget,
        ["POST /api/users/{userId:guid}/disable"] = AdminOfTarget,
        ["POST /api/users/{userId:guid}/enable"] = AdminOfTarget,
        ["GET /api/tokens"] = NotOnPhone,
        ["POST /api/tokens"] = Person,
        ["DELETE /api/tokens/{tokenId:guid}"] = NotOnPhone,
        ["GET /api/sites"] = SignedIn,
        ["POST /api/sites"] = SystemAdminOnly,
        ["GET /api/sites/{siteId:guid}"] = AtSite(Permission.ViewBoard),
        ["PUT /api/sites/{siteId:guid}"] = AtSite(Permission.ManageSite),
        ["GET /api/sites/{siteId:guid}/snapshot"] = AtSite(Permission.ViewBoard),
        ["GET /api/sites/{siteId:guid}/events"] = AtSite(Permission.ViewBoard),
        ["GET /api/sites/{siteId:guid}/posts"] = AtSite(Permission.ViewBoard),
        ["GET /api/sites/{siteId:guid}/posts/{postId:guid}"] = AtSite(Permission.ViewBoard),
        ["POST /api/sites/{siteId:guid}/posts"] = AtSite(Permission.ManageSite),
        ["PUT /api/sites/{siteId:guid}/posts/{postId:guid}"] = AtSite(Permission.ManageSite),
        ["POST /api/sites/{siteId:guid}/posts/{postId:guid}/archive"] = AtSite(Permission.ManageSite),
        ["POST /api/sites/{siteId:guid}/posts/{postId:guid}/restore"] = AtSite(Permission.ManageSite),
        ["GET /api/sites/{siteId:guid}/shifts"] = AtSite(Permission.ViewBoard),
        ["GET /api/sites/{siteId:guid}/shifts/{shiftId:guid}"] = AtSite(Permission.ViewBoard),
        ["POST /api/sites/{siteId:guid}/shifts"] = AtSite(Permission.ManageSite),
        ["PUT /api/sites/{siteId:guid}/shifts/{shiftId:guid}"] = AtSite(Permission.ManageSite),
        ["GET /api/sites/{siteId:guid}/departments"] = AtSite(Permission.ViewBoard),
        ["GET /api/sites/{siteId:guid}/departments/{departmentId:guid}"] = AtSite(Permission.ViewBoard),
        ["POST /api/sites/{siteId:guid}/departments"] = AtSite(Permission.ManageSite),
        ["PUT /api/sites/{siteId:guid}/departments/{departmentId:guid}"] = AtSite(Permission.ManageSite),
        ["GET /api/sites/{siteId:guid}/staff"] = AtSite(Permission.ViewStaff),
        ["GET /api/sites/{siteId:guid}/staff/{staffId:guid}"] = AtSite(Permission.ViewStaff),
        ["POST /api/sites/{siteId:guid}/staff"] = AtSite(Permission.ManageSite),
        ["PUT /api/sites/{siteId:guid}/staff/{staffId:guid}"] = AtSite(Permission.ManageSite),
        ["PUT /api/sites/{siteId:guid}/staff/{staffId:guid}/user"] = AtSite(Permission.ManageRoles),
        ["DELETE /api/sites/{siteId:guid}/staff/{staffId:guid}/user"] = AtSite(Permission.ManageRoles),
        ["GET /api/sites/{siteId:guid}/roles"] = AtSite(Permission.ManageRoles),
        ["POST /api/sites/{siteId:guid}/roles"] = PersonAtSite(Permission.ManageRoles),
        ["DELETE /api/sites/{siteId:guid}/roles/{userId:guid}/{role}"] = PersonAtSite(Permission.ManageRoles),
        ["GET /api/sites/{siteId:guid}/roster"] = AtSite(Permission.ViewStaff),
        ["PUT /api/sites/{siteId:guid}/roster/{date}/{shiftId:guid}"] = AtSite(Permission.ManageSite),
        ["POST /api/sites/{siteId:guid}/roster/copy-week"] = AtSite(Permission.ManageSite),
        ["GET /api/sites/{siteId:guid}/on-duty"] = AtSite(Permission.ViewBoard),
        ["GET /api/sites/{siteId:guid}/units"] = AtSite(Permission.ViewResidents),
        ["GET /api/sites/{siteId:guid}/units/export"] = AtSite(Permission.ViewResidents),
        ["POST /api/sites/{siteId:guid}/units/import/preview"] = AtSite(Permission.ManageSite),
        ["POST /api/sites/{siteId:guid}/units/import"] = AtSite(Permission.ManageSite),
        ["GET /api/sites/{siteId:guid}/devices"] = AtSite(Permission.ManagePhones),
        ["POST /api/sites/{siteId:guid}/devices/phones"] = AtSite(Permission.ManagePhones),
        ["POST /api/sites/{siteId:guid}/devices/screens"] = AtSite(Permission.ManageScreens),
        ["POST /api/sites/{siteId:guid}/devices/{deviceId:guid}/revoke"] = AtSite(Permission.ManagePhones),
        ["GET /api/sites/{siteId:guid}/visits"] = AtSite(Permission.ViewBoard),
        ["GET /api/sites/{siteId:guid}/visits/past"] = AtSite(Permission.ViewBoard),
        ["GET /api/sites/{siteId:guid}/visits/plan"] = AtSite(Permission.ManageVisits),
        ["POST /api/sites/{siteId:guid}/visits"] = AtSite(Permission.ManageVisits),
        ["GET /api/sites/{siteId:guid}/visits/{visitId:guid}"] = AtSite(Permission.ViewBoard),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/reschedule"] = AtSite(Permission.ManageVisits),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/cancel"] = AtSite(Permission.ManageVisits),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/arrive"] = AtSite(Permission.ManageVisits),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/arrival/undo"] = AtSite(Permission.ManageVisits),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/end"] = AtSite(Permission.ManageVisits),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/posts"] = AtSite(Permission.ManageVisits),
        ["DELETE /api/sites/{siteId:guid}/visits/{visitId:guid}/posts/{postId:guid}"] = AtSite(Permission.ManageVisits),
        ["PUT /api/sites/{siteId:guid}/visits/{visitId:guid}/posts/{postId:guid}/staff"] = AtSite(Permission.ManageVisits),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/posts/{postId:guid}/problem"] = AtSite(Permission.TickOwnPost),
        ["DELETE /api/sites/{siteId:guid}/visits/{visitId:guid}/posts/{postId:guid}/problem"] = AtSite(Permission.TickOwnPost),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/items/{itemId:guid}/tick"] = AtSite(Permission.TickOwnPost),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/items/{itemId:guid}/undo"] = AtSite(Permission.TickOwnPost),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/report"] = AtSite(Permission.ReportReadiness),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/report/acknowledge"] = AtSite(Permission.AcknowledgeReport),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/orders"] = AtSite(Permission.ManageVisits),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/orders/{orderId:guid}/acknowledge"] = AtSite(Permission.TickOwnPost),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/posts/{postId:guid}/leave"] = AtSite(Permission.TickOwnPost),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/posts/{postId:guid}/leave/decision"] = AtSite(Permission.TickAnyPost),
        ["PUT /api/sites/{siteId:guid}/visits/{visitId:guid}/posts/{postId:guid}/presence"] = AtSite(Permission.TickOwnPost),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/violations"] = AtSite(Permission.TickOwnPost),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/violations/{violationId:guid}/clear"] = AtSite(Permission.TickOwnPost),
        ["POST /api/sites/{siteId:guid}/visits/{visitId:guid}/notices/{noticeId:guid}/done"] = AtSite(Permission.CompleteNotices),
        ["GET /api/sites/{siteId:guid}/visits/{visitId:guid}/timeline"] = AtSite(Permission.ViewStaff),
        ["GET /api/sites/{siteId:guid}/visits/{visitId:guid}/timeline/export"] = AtSite(Permission.ViewStaff),
        ["GET /api/sites/{siteId:guid}/checklist-template"] = AtSite(Permission.ViewBoard),
        ["PUT /api/sites/{siteId:guid}/checklist-template"] = AtSite(Permission.EditChecklists),
        ["GET /api/sites/{siteId:guid}/incidents"] = AtSite(Permission.ViewIncidents),
        ["POST /api/sites/{siteId:guid}/incidents"] = AtSite(Permission.RaiseIncidents),
        ["GET /api/sites/{siteId:guid}/incidents/{incidentId:guid}"] = AtSite(Permission.ViewIncidents),
        ["POST /api/sites/{siteId:guid}/incidents/{incidentId:guid}/forward"] = AtSite(Permission.RaiseIncidents),
        ["POST /api/sites/{siteId:guid}/incidents/{incidentId:guid}/take"] = AtSite(Permission.HandleForwardedIncidents),
        // Who resolves depends on the incident's state (the desk an open one, the department a taken one): the use case decides.
        ["POST /api/sites/{siteId:guid}/incidents/{incidentId:guid}/resolve"] = AtSite(Permission.ViewIncidents),
        ["POST /api/sites/{siteId:guid}/incidents/{incidentId:guid}/close"] = AtSite(Permission.RaiseIncidents),
        ["POST /api/sites/{siteId:guid}/incidents/{incidentId:guid}/reopen"] = AtSite(Permission.RaiseIncidents),
        ["GET /api/sites/{siteId:guid}/incidents/{incidentId:guid}/promises"] = AtSite(Permission.RaiseIncidents),
        ["POST /api/sites/{siteId:guid}/incidents/{incidentId:guid}/promises"] = AtSite(Permission.RaiseIncidents),
        ["POST /api/sites/{siteId:guid}/incidents/{incidentId:guid}/promises/{promiseId:guid}/keep"] = AtSite(Permission.RaiseIncidents),
        ["GET /api/sites/{siteId:guid}/incidents/promises/due"] = AtSite(Permission.RaiseIncidents),
        // The desk's paper log names the people (desk §2.8).
        ["GET /api/sites/{siteId:guid}/incidents/export"] = AtSite(Permission.SeeIncidentPeople),
        ["POST /api/sites/{siteId:guid}/incidents/{incidentId:guid}/escalate"] = AtSite(Permission.RaiseIncidents),
        ["GET /api/sites/{siteId:guid}/incidents/{incidentId:guid}/escalations"] = AtSite(Permission.ViewIncidents),
        // The person an escalation went to acknowledges it and reads it in their inbox whatever their role; a wall screen is nobody's.
        ["POST /api/sites/{siteId:guid}/incidents/{incidentId:guid}/escalations/{escalationId:guid}/acknowledge"] = p => AtSite(Permission.ViewBoard)(p) && !Screen(p),
        ["GET /api/sites/{siteId:guid}/incidents/escalations"] = p => AtSite(Permission.ViewBoard)(p) && !Screen(p),
        ["GET /api/sites/{siteId:guid}/incidents/limits"] = AtSite(Permission.ViewIncidents),
        ["PUT /api/sites/{siteId:guid}/incidents/limits"] = AtSite(Permission.ManageIncidentLimits),
        // The wall's front-desk tiles: counts only.
        ["GET /api/sites/{siteId:guid}/incidents/figures"] = AtSite(Permission.ViewBoard),
        ["PUT /api/auth/pin"] = Person,
        ["POST /api/phone/enrol"] = Anyone,
        ["POST /api/phone/sign-in"] = Anyone,
        ["GET /language/{culture}"] = Anyone,
        ["POST /account/sign-out"] = SignedIn,
        ["* /health"] = Anyone,
        ["GET /openapi/{documentName}.json"] = SignedIn,
        ["* /hubs/board/negotiate"] = SignedInOrScreen,
        ["* /hubs/board"] = SignedInOrScreen,
    };

    private static readonly Dictionary<string, Rule> HubMethods = new()
    {
        [nameof(BoardHub.JoinSite)] = AtSite(Permission.ViewBoard),
        [nameof(BoardHub.GetEventsAfter)] = AtSite(Permission.ViewBoard),
        [nameof(BoardHub.LeaveSite)] = SignedInOrScreen,
    };

    [Fact]
    public async Task EveryEndpoint_EveryCaller_IsAllowedOrRefusedAsTheTableSays()
    {
        using var app = new TestApp();
        var (siteA, principals, target) = await ArrangeAsync(app);

        var endpoints = MachineEndpoints(app);
        var withoutRow = endpoints.Select(e => e.Key).Where(k => !Endpoints.ContainsKey(k)).ToList();
        Assert.True(withoutRow.Count == 0, "Endpoints with no row in the table: " + string.Join(", ", withoutRow));
        var staleRows = Endpoints.Keys.Where(k => endpoints.All(e => e.Key != k)).ToList();
        Assert.True(staleRows.Count == 0, "Rows with no endpoint: " + string.Join(", ", staleRows));

        var failures = new List<string>();
        // Rows that end or replace the caller's session come last, so that every other row meets it alive.
        foreach (var (key, method, pattern) in endpoints.OrderBy(e => Array.IndexOf(SessionEnding, e.Key)).ThenBy(e => e.Key))
        {
            var url = Fill(pattern, siteA.Id, target);
            foreach (var principal in principals)
            {
                using var http = ClientFor(app, principal);
                var verb = method != "*" ? method : pattern.EndsWith("/negotiate") ? "POST" : "GET";
                using var request = new HttpRequestMessage(new HttpMethod(verb), url);
                // The sign-out form is for browsers: it takes a form, and sends strangers to the sign-in page.
                var forPeople = pattern.StartsWith("/account");
                if (method is "POST" or "PUT")
                {
                    request.Content = forPeople
                        ? new FormUrlEncodedContent([new("returnUrl", "/")])
                        : new StringContent(Body(key), System.Text.Encoding.UTF8, "application/json");
                }

                var response = await http.SendAsync(request);
                var status = response.StatusCode;
                var allowed = Endpoints[key](principal);
                var sentToSignIn = status == HttpStatusCode.Redirect && IsSignInPage(response.Headers.Location);
                var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || sentToSignIn;
                // A screen is refused by policy (403) or by a service that needs a person (401).
                var expectedRefusals = Screen(principal) && !forPeople ? new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden }
                    : SignedIn(principal) ? new[] { HttpStatusCode.Forbidden }
                    : forPeople ? new[] { HttpStatusCode.Redirect } : new[] { HttpStatusCode.Unauthorized };
                if (allowed ? refused || (int)status >= 500 : !expectedRefusals.Contains(status) || (status == HttpStatusCode.Redirect && !sentToSignIn))
                {
                    var expected = allowed ? "allowed" : string.Join(" or ", expectedRefusals.Select(code => ((int)code).ToString()));
                    failures.Add($"{key} as {principal.Name}: {(int)status}, expected {expected}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryHubMethod_EveryCaller_IsAllowedOrRefusedAsTheTableSays()
    {
        using var app = new TestApp();
        var (siteA, principals, _) = await ArrangeAsync(app);

        var methods = typeof(BoardHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
            .Select(m => m.Name).ToList();
        Assert.Equal(HubMethods.Keys.Order(), methods.Order());

        var failures = new List<string>();
        foreach (var principal in principals)
        {
            await using var connection = app.HubConnection(Copy(principal.Cookies) ?? new CookieContainer(), principal.Token);
            try
            {
                await connection.StartAsync();
            }
            catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
            {
                if (SignedInOrScreen(principal))
                {
                    failures.Add($"connect as {principal.Name}: 401, expected allowed");
                }

                continue;
            }

            if (!SignedInOrScreen(principal))
            {
                failures.Add($"connect as {principal.Name}: connected, expected 401");
                continue;
            }

            foreach (var method in methods)
            {
                object?[] args = method == nameof(BoardHub.GetEventsAfter) ? [siteA.Id, 0L, 10] : [siteA.Id];
                var ok = true;
                try
                {
                    await connection.InvokeCoreAsync(method, typeof(object), args);
                }
                catch (Microsoft.AspNetCore.SignalR.HubException ex)
                {
                    Assert.Contains("do not allow", ex.Message); // the only refusal expected here
                    ok = false;
                }

                if (ok != HubMethods[method](principal))
                {
                    failures.Add($"{method} as {principal.Name}: {(ok ? "allowed" : "refused")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<(SiteDto SiteA, List<Principal> Principals, Guid Target)> ArrangeAsync(TestApp app)
    {
        var siteA = await app.CreateSiteAsync("Site A");
        var siteB = await app.CreateSiteAsync("Site B");
        var principals = new List<Principal>
        {
            new("anonymous", Caller.Anonymous, null, null, null),
            new("system admin", Caller.SystemAdmin, null, app.Root.Cookies, null),
        };

        foreach (var role in Enum.GetValues<SiteRole>())
        {
            var user = await app.CreateUserAsync($"role-{role}".ToLowerInvariant(), siteA.Id, roles: role);
            principals.Add(new($"{role} at the site", Caller.Role, role, user.Cookies, null));
        }

        var other = await app.CreateUserAsync("other-site", siteB.Id, roles: SiteRole.CommandCenter);
        using (var http = other.Http())
        {
            var created = await (await http.PostAsJsonAsync("/api/tokens", new CreateTokenRequest("other", siteB.Id, SiteRole.CommandCenter, 30)))
                .ReadAsync<CreatedTokenDto>(HttpStatusCode.Created);
            principals.Add(new("token of another site", Caller.TokenOfOtherSite, SiteRole.CommandCenter, null, created.Secret));
        }

        var siteAdmin = await app.CreateUserAsync("token-owner", siteA.Id, roles: SiteRole.Admin);
        using (var http = siteAdmin.Http())
        {
            var created = await (await http.PostAsJsonAsync("/api/tokens", new CreateTokenRequest("admin script", siteA.Id, SiteRole.Admin, 30)))
                .ReadAsync<CreatedTokenDto>(HttpStatusCode.Created);
            principals.Add(new("Admin token of the site", Caller.AdminTokenOfSite, SiteRole.Admin, null, created.Secret));
        }

        var disabled = await app.CreateUserAsync("disabled", siteA.Id, roles: SiteRole.Admin);
        await app.Services.GetRequiredService<UserAdminService>().SetDisabledAsync(
            await app.PrincipalAsync(TestApp.RootUserName), disabled.Id, disabled: true, null, CancellationToken.None);
        principals.Add(new("disabled user", Caller.Disabled, SiteRole.Admin, disabled.Cookies, null));
        principals.AddRange(await DeviceAndElsewhereCallersAsync(app, siteA, siteB));

        // The account the user endpoints act on works at site A, so site A's Admins may manage it.
        var target = await app.CreateUserAsync("target", siteA.Id, roles: SiteRole.Guard);
        // Signs in in the sign-in row; the rows that reset or disable accounts aim at "target".
        await app.CreateUserAsync("signer", siteA.Id, roles: SiteRole.Guard);
        return (siteA, principals, target.Id);
    }

    private static List<(string Key, string Method, string Pattern)> MachineEndpoints(TestApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null) // pages: see PageAuthorizationTests
            .Select(e => (Pattern: "/" + (e.RoutePattern.RawText ?? "").Trim('/'), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods))
            .Where(e => !IsFrameworkOrStaticFile(e.Pattern))
            .SelectMany(e => (e.Methods is { Count: > 0 } methods ? methods : ["*"]).Select(m => ($"{m} {e.Pattern}", m, e.Pattern)))
            .Distinct()
            .ToList();

    // Blazor's own circuit endpoints and fingerprinted static files are the framework's, not ours.
    private static bool IsFrameworkOrStaticFile(string pattern) =>
        pattern.StartsWith("/_blazor") || pattern.StartsWith("/_framework") || pattern.StartsWith("/_content") || pattern == "/{**path:file}"
        || (!pattern.StartsWith("/openapi") && System.IO.Path.HasExtension(pattern.Split('/')[^1].Replace("{", "").Replace("}", "")));

    private static string Fill(string pattern, Guid siteId, Guid userId) => pattern
        .Replace("{siteId:guid}", siteId.ToString())
        .Replace("{userId:guid}", userId.ToString())
        .Replace("{role}", nameof(SiteRole.Manager)) // a role the target does not hold: revoking it changes nothing
        .Replace("{documentName}", "v1")
        .Replace("/hubs/board/negotiate", "/hubs/board/negotiate?negotiateVersion=1")
        .Replace("{postId:guid}", Guid.NewGuid().ToString())
        .Replace("{shiftId:guid}", Guid.NewGuid().ToString())
        .Replace("{departmentId:guid}", Guid.NewGuid().ToString())
        .Replace("{staffId:guid}", Guid.NewGuid().ToString())
        .Replace("{tokenId:guid}", Guid.NewGuid().ToString())
        .Replace("{deviceId:guid}", Guid.NewGuid().ToString())
        .Replace("{visitId:guid}", Guid.NewGuid().ToString())
        .Replace("{itemId:guid}", Guid.NewGuid().ToString())
        .Replace("{orderId:guid}", Guid.NewGuid().ToString())
        .Replace("{violationId:guid}", Guid.NewGuid().ToString())
        .Replace("{noticeId:guid}", Guid.NewGuid().ToString())
        .Replace("{incidentId:guid}", Guid.NewGuid().ToString())
        .Replace("{escalationId:guid}", Guid.NewGuid().ToString())
        .Replace("{promiseId:guid}", Guid.NewGuid().ToString())
        .Replace("{date}", "2026-11-26")
        .Replace("{culture}", "en")
        + (pattern.EndsWith("/roster") ? "?from=2026-11-23" : "");

    // Valid enough to reach the handler; sign-in uses an account that exists so that 401 means "refused", and
    // the phone sign-in the guards' staff number and PIN (the same at both sites), so that a phone gets no 401 for a wrong one.
    private static string Body(string key) => key switch
    {
        "POST /api/auth/sign-in" => $"{{\"userName\":\"signer\",\"password\":\"{TestApp.Password}\"}}",
        "POST /api/phone/sign-in" => $"{{\"staffNumber\":\"{DeviceSite.StaffNumber}\",\"pin\":\"{DeviceSite.Pin}\"}}",
        _ => "{}",
    };

    // Signing out ends the session; a sign-in, with a password or on a phone, replaces the browser's.
    private static readonly string[] SessionEnding = ["POST /account/sign-out", "POST /api/auth/sign-out", "POST /api/auth/sign-in", "POST /api/phone/sign-in"];

    // Where a caller who is no one is sent from a page: the sign-in page, a phone's PIN page, a screen's pairing page.
    private static bool IsSignInPage(Uri? location) =>
        location?.OriginalString is { } url && (url.Contains("/sign-in") || url is DevicePaths.PhoneSignIn or DevicePaths.Wall);

    private static HttpClient ClientFor(TestApp app, Principal principal)
    {
        // A copy of the cookies, so that a sign-out or sign-in in one request does not change the principal.
        var http = app.Client(Copy(principal.Cookies));
        if (principal.Token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", principal.Token);
        }

        return http;
    }

    private static CookieContainer? Copy(CookieContainer? cookies)
    {
        if (cookies is null)
        {
            return null;
        }

        var copy = new CookieContainer();
        copy.Add(cookies.GetAllCookies());
        return copy;
    }
}
