using Reception.Dashboard.Features.Admin;
using Reception.Dashboard.Infrastructure.Csv;

namespace Reception.Dashboard.Features.Units;

public static class UnitsApi
{
    // A register of a few thousand people fits easily; anything bigger is a mistake.
    private const int MaxFileBytes = 2 * 1024 * 1024;

    public static RouteGroupBuilder MapUnitsApi(this RouteGroupBuilder site)
    {
        var units = site.MapGroup("/units").WithTags("Units");

        units.MapGet("/", ([AsParameters] SiteCall call, UnitService service) => service.ListAsync(call))
            .RequireSitePermission(Permission.ViewResidents);

        units.MapGet("/export", async ([AsParameters] SiteCall call, UnitService service) =>
                CsvFile.Download(await service.ExportAsync(call), "units.csv"))
            .WithSummary("The register as CSV (UTF-8 with BOM, so spreadsheet programs read Chinese).")
            .RequireSitePermission(Permission.ViewResidents);

        units.MapPost("/import/preview", async ([AsParameters] SiteCall call, HttpRequest request, UnitService service) =>
                service.Preview(call, await ReadCsvAsync(request)))
            .WithSummary("Reads a CSV body (building,room,name,phone,kind) and reports every row's problems; writes nothing.")
            .RequireSitePermission(Permission.ManageSite);

        units.MapPost("/import", async ([AsParameters] SiteCall call, bool? validRowsOnly, HttpRequest request, UnitService service) =>
                await service.ImportAsync(call, await ReadCsvAsync(request), validRowsOnly ?? false))
            .WithSummary("Imports a CSV body. Any invalid row refuses the whole file (422) unless validRowsOnly=true.")
            .RequireSitePermission(Permission.ManageSite);

        return site;
    }

    private static async Task<string> ReadCsvAsync(HttpRequest request)
    {
        // Read at most one byte past the limit, whatever the request claims its length is.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxFileBytes)
            {
                throw RuleViolationException.For("file", AdminText.Get("Csv.TooLarge", MaxFileBytes / 1024 / 1024));
            }
        }

        return UnitsCsv.Decode(buffer.ToArray());
    }
}
