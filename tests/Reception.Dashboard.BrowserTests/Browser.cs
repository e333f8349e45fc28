using Microsoft.Playwright;

namespace Reception.Dashboard.BrowserTests;

/// <summary>Debian's Chromium, headless, driven by Playwright; Playwright's own browser download cannot work here.</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        // The machine runs both test projects at once on two cores: give pages time, not flakiness.
        Assertions.SetDefaultExpectTimeout(15_000);
        return Launch(playwright);
    }

    private static Task<IBrowser> Launch(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? ChromiumPath,
        Headless = true,
        // Root in a container needs --no-sandbox; the rest keep Chromium off the closed network.
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    });
}
