using FluentValidation;

namespace Reception.Dashboard.Features.Incidents;

public sealed class ReopenIncidentValidator : AbstractValidator<ReopenIncident>
{
    public ReopenIncidentValidator() =>
        RuleFor(r => r.Reason).NotEmpty().WithMessage(_ => IncidentText.Get("GiveReopenReason"))
            .MultiLineText(Incident.ReasonMaxLength);
}

/// <summary>
/// The desk reopens a resolved or closed incident that is not solved after all, saying why. It is open again,
/// to be resolved at the desk or forwarded again (to the department it last went to, or another).
/// </summary>
public sealed class IncidentReopening(IncidentWrites writes)
{
    private static readonly ReopenIncidentValidator Validator = new();

    public Task<IncidentDto> ReopenAsync(SiteCall call, Guid incidentId, ReopenIncident request)
    {
        var actor = call.Demand(Permission.RaiseIncidents);
        Validator.EnsureValid(request);
        var reason = request.Reason!.Trim();
        return writes.MoveAsync(call, actor, incidentId, request.Version, $"incidents.reopen:{incidentId}", request, (_, incident, now) =>
        {
            incident.Reopen(reason, now);
            return Task.FromResult(EventTypes.IncidentReopened);
        });
    }
}
