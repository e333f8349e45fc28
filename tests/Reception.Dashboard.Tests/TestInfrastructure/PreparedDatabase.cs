using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Tests.TestInfrastructure;

/// <summary>
/// A migrated database in its own folder with a site and an access token, made by the app in this
/// process and left for a <see cref="ServerProcess"/> to open. Disposing it deletes the folder.
/// Self-contained: the browser tests and the bench compile this file too.
/// </summary>
public sealed record PreparedDatabase(string Folder, string DatabasePath, Guid SiteId, string AccessToken) : IDisposable
{
    public static async Task<PreparedDatabase> CreateAsync()
    {
        using var app = new TestApp { KeepFolder = true };
        var site = await app.CreateSiteAsync();
        var token = await CreateAccessTokenAsync(app, site.Id);
        return new PreparedDatabase(app.Folder, app.DatabasePath, site.Id, token);
    }

    /// <summary>Creates, as Root, a site administrator's access token without expiry, and returns its secret, as an integration would get it.</summary>
    public static async Task<string> CreateAccessTokenAsync(TestApp app, Guid siteId)
    {
        using var http = app.Http();
        using var response = await http.PostAsJsonAsync("/api/tokens", new CreateTokenRequest("fault test client", siteId, SiteRole.Admin, null), BoardJson.Options);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<CreatedTokenDto>(BoardJson.Options);
        return created?.Secret ?? throw new InvalidOperationException("The new token came without its secret.");
    }

    /// <summary>An SDK client that notices a dead connection within seconds and comes back quickly, so a fault test stays short.</summary>
    public static BoardClientOptions ClientOptions(Uri baseAddress, string accessToken) => new()
    {
        BaseAddress = baseAddress,
        AccessToken = accessToken,
        StaleAfter = TimeSpan.FromSeconds(3),
        ReconnectDelay = TimeSpan.FromMilliseconds(200),
        MaxReconnectDelay = TimeSpan.FromSeconds(2),
    };

    /// <summary><see cref="ClientOptions"/> for the server at <paramref name="baseAddress"/>, acting with this database's token.</summary>
    public BoardClientOptions Options(Uri baseAddress) => ClientOptions(baseAddress, AccessToken);

    public void Dispose()
    {
        // Pooled connections of the app that prepared it still hold the file.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves litter in the temp folder.
        }
    }
}
