using Microsoft.Playwright;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Bench.Live;

/// <summary>
/// Board pages open in headless Chromium, each an interactive Blazor circuit on the server, signed
/// in as the prepared database's root user. They stay open until disposed, so the server's memory
/// can be read while they are.
/// </summary>
public sealed class BoardPages : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BoardPages(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<BoardPages> OpenAsync(Uri server, Guid siteId, int count)
    {
        var playwright = await Playwright.CreateAsync();
        IBrowser? browser = null;
        try
        {
            // The browser tests' launch and sign-in, linked in (Playwright has browser types of its own, hence the namespace).
            browser = await BrowserTests.Browser.LaunchAsync(playwright);
            // One context: the pages share the sign-in's cookie, as tabs of one browser do.
            var context = await browser.NewContextAsync();
            var signIn = await context.NewPageAsync();
            await BrowserTests.SignedIn.AsAsync(signIn, server, TestApp.RootUserName, TestApp.Password);
            await signIn.CloseAsync();

            var board = new Uri(server, $"/sites/{siteId}/board").ToString();
            for (var i = 0; i < count; i++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(board);
                // The marker is hidden: wait for it in the DOM, with the circuit up.
                await page.WaitForSelectorAsync("[data-testid='interactive'][data-ready='true']", new() { State = WaitForSelectorState.Attached });
            }

            return new BoardPages(playwright, browser);
        }
        catch
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }

            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
