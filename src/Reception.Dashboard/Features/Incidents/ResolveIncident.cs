using FluentValidation;

namespace Reception.Dashboard.Features.Incidents;

public sealed class ResolveIncidentValidator : AbstractValidator<ResolveIncident>
{
    public ResolveIncidentValidator() => RuleFor(r => r.Resolution).MultiLineText(Incident.TextMaxLength);
}

/// <summary>
/// An incident is solved. An open one by the desk, which could solve it itself (desk §0.1: a question answered,
/// help given), with a note if it likes; a taken one by the department that took it, which says what it did.
/// Which of the two may resolve depends on where the incident stands, which only the write knows: the use case
/// admits whoever may see incidents and checks the move's own permission inside it. In any other state the move
/// itself is refused (409), whoever asks.
/// </summary>
public sealed class IncidentResolving(IncidentWrites writes)
{
    private static readonly ResolveIncidentValidator Validator = new();

    public Task<IncidentDto> ResolveAsync(SiteCall call, Guid incidentId, ResolveIncident request)
    {
        var actor = call.Demand(Permission.ViewIncidents);
        Validator.EnsureValid(request);
        var resolution = Validation.TrimToNull(request.Resolution);
        return writes.MoveAsync(call, actor, incidentId, request.Version, $"incidents.resolve:{incidentId}", request, (_, incident, now) =>
        {
            if (incident.State == IncidentState.Open && !call.Allows(Permission.RaiseIncidents))
            {
                throw new ForbiddenException(IncidentText.Get("DeskResolvesOpen"));
            }

            if (incident.State == IncidentState.Taken && !call.Allows(Permission.HandleForwardedIncidents))
            {
                throw new ForbiddenException(IncidentText.Get("DepartmentResolvesTaken"));
            }

            incident.Resolve(resolution, now);
            return Task.FromResult(EventTypes.IncidentResolved);
        });
    }
}
