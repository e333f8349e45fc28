using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

public static class SignedIn
{
    /// <summary>Signs in through the sign-in page, as a person would, and waits for the board.</summary>
    public static async Task AsAsync(IPage page, Uri baseAddress, string userName, string password)
    {
        await page.GotoAsync(new Uri(baseAddress, "/sign-in").ToString());
        await SubmitAsync(page, userName, password);
        await Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();
    }

    /// <summary>Fills and sends the sign-in form already on the page.</summary>
    public static async Task SubmitAsync(IPage page, string userName, string password)
    {
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
    }
}
