using System.Net.Http.Json;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.Features.Devices;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Accounts;

/// <summary>
/// The matrix's callers that are not a role held at site A: guards on enrolled phones, paired wall
/// screens, a guard whose role was taken away, and an Admin of another site.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private const string RemovedGuardStaffNumber = "G-008";

    private static async Task<List<Principal>> DeviceAndElsewhereCallersAsync(TestApp app, SiteDto siteA, SiteDto siteB)
    {
        // A guard on a phone at each site. Each account is also Admin at the other site, which a phone
        // session must never carry: on the phone it is a Guard at the phone's site and nothing more.
        var guardA = await app.CreateUserAsync("phone-guard-a", siteA.Id, roles: SiteRole.Guard);
        var phonesA = await DeviceSite.AtSiteAsync(app, siteA, guardA);
        var guardB = await app.CreateUserAsync("phone-guard-b", siteB.Id, roles: SiteRole.Guard);
        var phonesB = await DeviceSite.AtSiteAsync(app, siteB, guardB);
        await GrantRoleAsync(app, siteB.Id, guardA.Id, SiteRole.Admin);
        await GrantRoleAsync(app, siteA.Id, guardB.Id, SiteRole.Admin);
        var phoneA = await phonesA.GuardOnPhoneAsync();
        var phoneB = await phonesB.GuardOnPhoneAsync();

        var wallA = await phonesA.PairWallAsync();
        var wallB = await phonesB.PairWallAsync();

        // A guard signed in (cookie) with a PIN and a phone at site A; then their Guard role is removed,
        // and they try the phone. The answer to that try has its own test (GuardPhoneTests); here the
        // cookie from before and the phone after it are the callers.
        var removed = await app.CreateUserAsync("removed-guard", siteA.Id, roles: SiteRole.Guard);
        await DeviceSite.LinkStaffAsync(app, siteA.Id, removed, RemovedGuardStaffNumber, phonesA.Post.Id, "removed-guard", null);
        var (removedPhone, _) = await phonesA.EnrolPhoneAsync();
        await RevokeRoleAsync(app, siteA.Id, removed.Id, SiteRole.Guard);
        using (var http = app.Client(removedPhone))
        {
            await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(RemovedGuardStaffNumber, DeviceSite.Pin));
        }

        var adminB = await app.CreateUserAsync("admin-of-site-b", siteB.Id, roles: SiteRole.Admin);

        return
        [
            new Principal("Guard on a phone at the site", Caller.PhoneSession, SiteRole.Guard, phoneA, null),
            new Principal("Guard on a phone at another site", Caller.PhoneOfOtherSite, SiteRole.Guard, phoneB, null),
            new Principal("wall screen of the site", Caller.WallScreen, null, wallA, null),
            new Principal("wall screen of another site", Caller.WallOfOtherSite, null, wallB, null),
            new Principal("Guard whose role was removed, with their cookie from before", Caller.RoleRemoved, SiteRole.Guard, removed.Cookies, null),
            new Principal("phone of the Guard whose role was removed, after signing in again", Caller.RoleRemoved, SiteRole.Guard, removedPhone, null),
            new Principal("Admin of another site", Caller.AdminOfOtherSite, SiteRole.Admin, adminB.Cookies, null),
        ];
    }

    private static async Task GrantRoleAsync(TestApp app, Guid siteId, Guid userId, SiteRole role)
    {
        using var http = app.Http();
        (await http.PostAsJsonAsync($"/api/sites/{siteId}/roles", new GrantRoleRequest(userId, role))).EnsureSuccessStatusCode();
    }

    private static async Task RevokeRoleAsync(TestApp app, Guid siteId, Guid userId, SiteRole role)
    {
        using var http = app.Http();
        (await http.DeleteAsync($"/api/sites/{siteId}/roles/{userId}/{role}")).EnsureSuccessStatusCode();
    }
}
