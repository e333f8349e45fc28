using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

public static class SignedIn
{
    /// <summary>Signs in through the sign-in page, as a person would, and waits for the board.</summary>
    public static async Task AsAsync(IPage page, Uri baseAddress, string userName, string password)
    {
        await page.GotoAsync(new Uri(baseAddress, "/sign-in").ToString());
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();
    }
}
