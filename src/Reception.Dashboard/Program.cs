using MudBlazor.Services;
using Reception.Dashboard.Components;
using Reception.Dashboard.Features;
using Reception.Dashboard.Localization;

var builder = WebApplication.CreateBuilder(args);

// Serve the linked top-level wwwroot and framework files from the build output in every
// environment, not just Development; a published app has no such manifest and is unaffected.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddReceptionData(builder.Configuration);
builder.Services.AddApiConventions();
builder.Services.AddAccounts();
builder.Services.AddRateLimits(builder.Configuration);
builder.Services.AddRealtime(builder.Configuration);
builder.Services.AddFeatures();
builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    .AddHubOptions(o => o.KeepAliveInterval = TimeSpan.FromSeconds(5)); // pages notice a dead server within 10 s (js/connection.js)
builder.Services.AddMudServices();
builder.Services.AddReceptionLocalization(); // after MudBlazor, so its localizer is replaced

builder.Services.AddAntiforgery(o =>
{
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.Cookie.SameSite = SameSiteMode.Strict;
});

var app = builder.Build();
FormErrors.Logger = app.Services.GetRequiredService<ILogger<FormErrors>>();

if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseMiddleware<SecurityHeaders>();
// Outside the error and status-code handlers, so that what they answer is in the caller's language too.
app.UseRequestLocalization();
app.UseApiConventions();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealthChecks("/health");
app.MapOpenApi().RequireAuthorization();
app.MapFeatureApis();
app.MapSignOutForm();
app.MapLanguageSwitch();
app.MapHub<BoardHub>(BoardHub.Path, o => o.CloseOnAuthenticationExpiration = true);
// SecurityHeaders sets the whole policy, frame-ancestors included.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

app.Run();
