using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

using static Reception.Dashboard.Tests.Api.FuzzBodies;

namespace Reception.Dashboard.Tests.Api;

/// <summary>
/// Every write endpoint under /api, as the app registers it, called by a system administrator at the
/// demo site with bodies that are unreadable, mistyped, null, oversized or full of control characters.
/// None may answer 5xx; every refusal is problem+json that names no internals; the event logs stay gapless.
/// One app for all of it, requests one after another.
/// </summary>
public sealed class WriteEndpointFuzzTests
{
    private static readonly string[] MalformedJson = ["{", "[", "\"x\"", "{\"a\":"];

    // Type names, namespaces and stack frames in an answer tell an attacker what runs inside.
    private static readonly string[] Internals = ["Reception.Dashboard.", "System.", "   at "];


    private sealed record WriteEndpoint(string Method, string Pattern, Type? RequestType);

    private sealed record FuzzCase(WriteEndpoint Endpoint, string Url, string What, string? Body, string? ContentType);

    [Fact]
    public async Task WriteEndpoints_UnreadableMistypedOrHostileBodies_AnswerCleanProblemsAndKeepEventLogsGapless()
    {
        using var app = new TestApp(seedDemoData: true, settings: new Dictionary<string, string>
        {
            // Let every attempt reach its handler; the limits have tests of their own.
            ["RateLimits:PinPerMinute"] = "100000",
            ["RateLimits:PairingPerMinute"] = "100000",
        });
        var ids = await RealIdsAsync(app);
        var endpoints = WriteEndpoints(app);
        // The fuzzing must see the endpoints and their request records, or it proves nothing.
        Assert.Contains(endpoints, e => e.Method == "POST" && e.Pattern == "/api/sites/{siteId:guid}/posts" && e.RequestType == typeof(CreatePost));
        Assert.Contains(endpoints, e => e.Method == "PUT" && e.Pattern == "/api/sites/{siteId:guid}/roster/{date}/{shiftId:guid}" && e.RequestType == typeof(SetRosterCell));

        var cases = endpoints.SelectMany(e => CasesFor(e, ids)).ToList();
        // Signing out ends the session it is sent with: each of those gets a session of its own.
        var ownSessions = new Queue<TestUser>();
        for (var i = cases.Count(EndsTheSession); i > 0; i--)
        {
            ownSessions.Enqueue(await app.SignInAsync(TestApp.RootUserName));
        }

        using var admin = app.Http();
        admin.Timeout = TimeSpan.FromSeconds(30);
        var failures = new List<string>();
        foreach (var fuzz in cases)
        {
            using var ownSession = EndsTheSession(fuzz) ? ownSessions.Dequeue().Http() : null;
            using var request = new HttpRequestMessage(new HttpMethod(fuzz.Endpoint.Method), fuzz.Url);
            var contentType = fuzz.Body is null ? null : fuzz.ContentType ?? "application/json";
            if (fuzz.Body is not null)
            {
                request.Content = new StringContent(fuzz.Body, Encoding.UTF8, contentType);
            }

            var sent = $"{fuzz.Endpoint.Method} {fuzz.Url} [{fuzz.What}] {contentType ?? "no content"}: {Show(fuzz.Body, 160)}";
            try
            {
                using var response = await (ownSession ?? admin).SendAsync(request);
                var answer = await response.Content.ReadAsStringAsync();
                if (Defect(response, answer) is { } defect)
                {
                    failures.Add($"{sent} → {(int)response.StatusCode}, {defect}: {Show(answer, 300)}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failures.Add($"{sent} → no answer: {ex.GetType().Name} {ex.Message}");
            }
        }

        failures.AddRange(await EventLogGapsAsync(admin));
        Assert.True(failures.Count == 0, $"{failures.Count} findings from {cases.Count} requests to {endpoints.Count} write endpoints:\n" + string.Join("\n", failures));
    }

    private static bool EndsTheSession(FuzzCase fuzz) => fuzz.Endpoint.Pattern == "/api/auth/sign-out";

    /// <summary>What is wrong with an answer, if anything.</summary>
    private static string? Defect(HttpResponseMessage response, string answer)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return "a server error";
        }

        if (status is >= 200 and < 300)
        {
            return null;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType != "application/problem+json")
        {
            return $"not application/problem+json but {mediaType ?? "no content type"}";
        }

        return Internals.FirstOrDefault(i => answer.Contains(i, StringComparison.Ordinal)) is { } leak
            ? $"names internals (\"{leak}\")"
            : null;
    }

    private static List<WriteEndpoint> WriteEndpoints(TestApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Pattern: "/" + (e.RoutePattern.RawText ?? "").Trim('/')))
            .Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? Array.Empty<string>())
                .Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE")
                .Select(m => new WriteEndpoint(m, e.Pattern, RequestType(e.Endpoint))))
            .DistinctBy(e => (e.Method, e.Pattern))
            // What closes or removes things others act on goes last, so that the rest reach deep into their handlers.
            .OrderBy(e => ClosesThings(e) ? 1 : 0)
            .ThenBy(e => e.Pattern, StringComparer.Ordinal)
            .ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();

    private static bool ClosesThings(WriteEndpoint e) =>
        e.Method == "DELETE" || new[] { "/cancel", "/end", "/archive", "/disable", "/revoke" }.Any(end => e.Pattern.EndsWith(end, StringComparison.Ordinal));

    /// <summary>The request record the endpoint reads from its body: from its accepts metadata, else from its handler's parameters.</summary>
    private static Type? RequestType(Endpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Select(a => a.RequestType).FirstOrDefault(IsContract)
        ?? endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters().Select(p => p.ParameterType).FirstOrDefault(IsContract);


    private static IEnumerable<FuzzCase> CasesFor(WriteEndpoint endpoint, IReadOnlyDictionary<string, string> ids)
    {
        var url = Regex.Replace(endpoint.Pattern, @"\{\**(?<name>\w+)(:[^}]*)?\}",
            m => ids.TryGetValue(m.Groups["name"].Value, out var id) ? id : Guid.NewGuid().ToString());
        var plausible = endpoint.RequestType is { } type ? Plausible(type, "", ids, 0) : new JsonObject();
        var plausibleText = plausible?.ToJsonString() ?? "{}";

        foreach (var malformed in MalformedJson)
        {
            yield return new FuzzCase(endpoint, url, "malformed JSON", malformed, null);
        }

        yield return new FuzzCase(endpoint, url, "empty body", "", null);
        yield return new FuzzCase(endpoint, url, "no body", null, null);
        yield return new FuzzCase(endpoint, url, "a text/plain body", plausibleText, "text/plain");

        if (endpoint.RequestType is not { } requestType || plausible is null)
        {
            yield break;
        }

        foreach (var property in Properties(requestType))
        {
            foreach (var (path, json) in Mutations(property.Type, [property.Name], 1))
            {
                var body = plausible.DeepClone();
                Set(body, path, JsonNode.Parse(json));
                yield return new FuzzCase(endpoint, url, $"{string.Join(".", path).Replace(".[", "[")} = {Show(json, 24)}", body.ToJsonString(), null);
            }
        }
    }


    /// <summary>Text for a failure message: control characters spelt out, long text cut.</summary>
    private static string Show(string? text, int max)
    {
        if (text is null)
        {
            return "(none)";
        }

        var shown = new StringBuilder();
        foreach (var c in text.Length > max ? text[..max] : text)
        {
            shown.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return text.Length > max ? $"{shown}…(+{text.Length - max} chars)" : shown.ToString();
    }

    /// <summary>
    /// Ids the routes and bodies can name: the demo site, a post of its visit with a checklist, that item,
    /// an order, a demo incident, the site's first shift, department and staff record, a phone enrolled for the test, and an
    /// account made for the user endpoints to act on (never the administrator's own).
    /// </summary>
    private static async Task<Dictionary<string, string>> RealIdsAsync(TestApp app)
    {
        var siteId = await app.DemoSiteIdAsync();
        var site = $"/api/sites/{siteId}";
        using var http = app.Http();
        var posts = await (await http.GetAsync($"{site}/posts")).ReadAsync<List<PostDto>>();
        var shifts = await (await http.GetAsync($"{site}/shifts")).ReadAsync<List<ShiftDto>>();
        var departments = await (await http.GetAsync($"{site}/departments")).ReadAsync<List<DepartmentDto>>();
        var staff = await (await http.GetAsync($"{site}/staff")).ReadAsync<List<StaffDto>>();
        var visits = await (await http.GetAsync($"{site}/visits")).ReadAsync<List<VisitDto>>();
        var visit = visits.Count == 0 ? null : await (await http.GetAsync($"{site}/visits/{visits[0].Id}")).ReadAsync<VisitDetailDto>();
        var visitPost = visit?.Posts.FirstOrDefault(p => p.Items.Count > 0);
        var incidents = await (await http.GetAsync($"{site}/incidents")).ReadAsync<List<IncidentDto>>();
        var postId = visitPost?.PostId ?? posts[0].Id;
        var phone = await (await http.PostAsJsonAsync($"{site}/devices/phones", new EnrolPhoneRequest(postId, "Fuzz phone")))
            .ReadAsync<PhoneEnrolmentDto>(HttpStatusCode.Created);
        var target = await app.CreateUserAsync("fuzz-target", siteId, roles: SiteRole.Guard);

        static string Or(Guid? id) => (id ?? Guid.NewGuid()).ToString();
        return new Dictionary<string, string>
        {
            ["siteId"] = siteId.ToString(),
            ["postId"] = postId.ToString(),
            ["shiftId"] = Or(shifts.FirstOrDefault()?.Id),
            ["departmentId"] = Or(departments.FirstOrDefault()?.Id),
            ["staffId"] = Or(staff.FirstOrDefault()?.Id),
            ["visitId"] = Or(visit?.Visit.Id),
            ["itemId"] = Or(visitPost?.Items[0].Id),
            ["orderId"] = Or(visit?.Orders.FirstOrDefault()?.Id),
            ["violationId"] = Or(visit?.Violations.FirstOrDefault()?.Id),
            ["noticeId"] = Or(visit?.Notices.FirstOrDefault()?.Id),
            ["incidentId"] = Or(incidents.FirstOrDefault()?.Id),
            ["deviceId"] = phone.Device.Id.ToString(),
            ["userId"] = target.Id.ToString(),
            ["role"] = nameof(SiteRole.Guard),
            ["date"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Every site's events, read page by page from the start, must be numbered 1, 2, 3… without a gap.</summary>
    private static async Task<List<string>> EventLogGapsAsync(HttpClient admin)
    {
        var gaps = new List<string>();
        foreach (var site in await (await admin.GetAsync("/api/sites")).ReadAsync<List<SiteDto>>())
        {
            var seqs = new List<long>();
            EventPage page;
            do
            {
                var after = seqs.Count == 0 ? 0 : seqs[^1];
                page = await (await admin.GetAsync($"/api/sites/{site.Id}/events?after={after}&limit=1000")).ReadAsync<EventPage>();
                seqs.AddRange(page.Events.Select(e => e.Seq));
            }
            while (page.HasMore && page.Events.Count > 0);

            var gap = seqs.Select((seq, i) => (Seq: seq, Due: i + 1L)).Where(s => s.Seq != s.Due).Take(1).ToList();
            if (seqs.Count == 0 || gap.Count > 0)
            {
                gaps.Add($"events of site {Show(site.Name, 60)} ({site.Id}): {seqs.Count} read, "
                    + (gap.Count == 0 ? "none at all" : $"seq {gap[0].Seq} where {gap[0].Due} was due"));
            }
        }

        return gaps;
    }
}
