using System.Globalization;
using Microsoft.AspNetCore.Localization;
using MudBlazor;

namespace Reception.Dashboard.Localization;

public static class LocalizationRegistration
{
    /// <summary>Chinese first: the staff read Chinese; English for everyone else.</summary>
    public static readonly string[] Cultures = ["zh-Hans", "en"];

    public static IServiceCollection AddReceptionLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddTransient<MudLocalizer, ReceptionMudLocalizer>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // A chosen language (cookie) wins over the browser's; the query string is not used.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>Sets the language cookie and goes back; a circuit keeps its culture, so the page reloads.</summary>
    public static WebApplication MapLanguageSwitch(this WebApplication app)
    {
        app.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (!Cultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
            {
                return Results.NotFound();
            }

            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(LocalUrls.OrDefault(returnUrl, "/"));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
