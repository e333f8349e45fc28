using FluentValidation;
using Reception.Dashboard.Features.Staff;

namespace Reception.Dashboard.Features.Incidents;

public sealed class RaiseIncidentValidator : AbstractValidator<RaiseIncident>
{
    /// <summary>Fewer digits than this is no phone number, whatever else was typed.</summary>
    public const int PhoneMinDigits = 5;

    public RaiseIncidentValidator()
    {
        RuleFor(r => r.Kind).NotNull().WithMessage(_ => Validation.ChooseOneOf<IncidentKind>())
            .IsInEnum().WithMessage(_ => Validation.ChooseOneOf<IncidentKind>());
        RuleFor(r => r.Priority).IsInEnum().WithMessage(_ => Validation.ChooseOneOf<IncidentPriority>());
        RuleFor(r => r.Text).NotEmpty().WithMessage(_ => IncidentText.Get("GiveText"))
            .MultiLineText(Incident.TextMaxLength);
        RuleFor(r => r.PersonName).MaxText(Validation.NameMaxLength);
        // The staff records' rule, so a phone copied from the unit's owners and tenants is taken as it is.
        RuleFor(r => r.PersonPhone).Phone()
            .Must(phone => string.IsNullOrWhiteSpace(phone) || phone.Count(char.IsAsciiDigit) >= PhoneMinDigits)
            .WithMessage(_ => IncidentText.Get("PhoneDigits", PhoneMinDigits));
        RuleFor(r => r.Location).MaxText(Incident.LocationMaxLength);
    }
}

/// <summary>
/// The desk takes and records a complaint, repair or help request (desk §0.1) or a lobby situation (desk §2.9);
/// the command center may raise one too. A complaint is taken whatever its merit (desk §2.7): a kind and what was
/// said are all it needs. It is open until the desk resolves it or forwards it, and its time-limit clocks start.
/// </summary>
public sealed class IncidentRaising(SiteWriter writer, TimeProvider clock, IncidentClockArming clocks)
{
    private static readonly RaiseIncidentValidator Validator = new();

    public Task<IncidentDto> RaiseAsync(SiteCall call, RaiseIncident request)
    {
        var actor = call.Demand(Permission.RaiseIncidents);
        Validator.EnsureValid(request);
        return writer.WriteAsync(call, actor, $"incidents.raise:{call.SiteId}", request, async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
            var report = new IncidentReport(
                request.Kind!.Value,
                request.Priority ?? IncidentPriority.Normal,
                request.Text!.Trim(),
                request.UnitId,
                await UnitNumberAsync(db, call, request.UnitId),
                Validation.TrimToNull(request.PersonName),
                Validation.TrimToNull(request.PersonPhone),
                Validation.TrimToNull(request.Location));
            var incident = Incident.Raise(call.SiteId, report, IncidentActor.Of(call, actor), clock.GetUtcNow().UtcDateTime);
            db.Incidents.Add(incident);
            events.Add(EventTypes.IncidentRaised, incident.ToEvent());
            await clocks.ArmAsync(db, events, incident, call.Cancellation);
            var scope = await IncidentScope.OfAsync(db, call);
            return IncidentMapping.ToDto(incident, departmentName: null, scope.SeesPersonOf(incident));
        });
    }

    private static async Task<string?> UnitNumberAsync(ReceptionDbContext db, SiteCall call, Guid? unitId)
    {
        if (unitId is not { } id)
        {
            return null;
        }

        var unit = await db.Units.AsNoTracking()
            .Where(u => u.SiteId == call.SiteId && u.Id == id)
            .Select(u => new { u.Building, u.Room })
            .SingleOrDefaultAsync(call.Cancellation)
            ?? throw RuleViolationException.For("unitId", IncidentText.Get("UnknownUnit"));
        return IncidentMapping.UnitNumber(unit.Building, unit.Room);
    }
}
