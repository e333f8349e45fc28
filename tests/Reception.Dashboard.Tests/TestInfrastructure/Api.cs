using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Dashboard.Client;
using Reception.Dashboard.Data;

namespace Reception.Dashboard.Tests.TestInfrastructure;

public static class Api
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, BoardJson.Options)!;
    }

    /// <summary>Asserts the status and the problem+json content type, and returns the problem document.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain(" at Reception.", body);
        return problem;
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient http, HttpMethod method, string url, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: BoardJson.Options) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return http.SendAsync(request);
    }

    /// <summary>Posts a CSV file's text, as a browser uploading it would.</summary>
    public static Task<HttpResponseMessage> PostCsvAsync(this HttpClient http, string url, string csv) =>
        http.PostAsync(url, new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));

    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient http, HttpMethod method, string url, string json) =>
        http.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });

    /// <summary>Reads the database directly, to prove what a refused request did not write.</summary>
    public static async Task<T> QueryDbAsync<T>(this TestApp app, Func<ReceptionDbContext, Task<T>> query)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<ReceptionDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }
}
