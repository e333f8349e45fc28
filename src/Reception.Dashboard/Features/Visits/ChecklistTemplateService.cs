using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Features.Sites;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Realtime;

namespace Reception.Dashboard.Features.Visits;

/// <summary>A site's checklist template. A visit copies it when announced, so editing it never changes a visit under way.</summary>
public sealed class ChecklistTemplateService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer)
{
    public const int MaxItems = 100;

    private static readonly ChecklistTemplateValidator ItemValidator = new();

    public async Task<IReadOnlyList<ChecklistTemplateItemDto>> GetAsync(ClaimsPrincipal user, Guid siteId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(siteId, ct);
        var items = await db.ChecklistTemplate.AsNoTracking().Where(t => t.SiteId == siteId).OrderBy(t => t.Order).ToListAsync(ct);
        return items.Count > 0 ? items.Select(t => t.ToDto()).ToList() : DefaultChecklist.Items;
    }

    public Task<IReadOnlyList<ChecklistTemplateItemDto>> SetAsync(ClaimsPrincipal user, Guid siteId, SetChecklistTemplate request, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.EditChecklists);
        var items = request.Items ?? throw RuleViolationException.For("items", ErrorText.Get("GiveItems"));
        Check(items);
        return writer.WriteAsync(siteId, new Command(actor, $"checklists.set:{siteId}", request, idempotencyKey), async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(siteId, ct);
            await db.ChecklistTemplate.Where(t => t.SiteId == siteId).ExecuteDeleteAsync(ct);
            var rows = items.Select((item, i) => ChecklistTemplateItem.From(siteId, i, item)).ToList();
            db.ChecklistTemplate.AddRange(rows);
            events.Add(EventTypes.ChecklistTemplateChanged, new ChecklistTemplateChanged(rows.Count));
            return (IReadOnlyList<ChecklistTemplateItemDto>)rows.Select(r => r.ToDto()).ToList();
        }, ct);
    }

    private static void Check(IReadOnlyList<ChecklistTemplateItemDto> items)
    {
        var errors = new Dictionary<string, string[]>();
        if (items.Count is 0 or > MaxItems)
        {
            errors["items"] = [ErrorText.Get("TemplateSize", MaxItems)];
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                errors[$"items[{i}]"] = [ErrorText.Get("GiveItems")];
                continue;
            }

            // Missing, it would read as 0: due at the arrival instead of before it.
            if (items[i].MinutesBefore is null)
            {
                errors[$"items[{i}].minutesBefore"] = [ErrorText.Get("MinutesBefore", ChecklistTemplateValidator.MaxMinutesBefore)];
            }

            foreach (var failure in ItemValidator.Validate(items[i]).Errors)
            {
                var field = $"items[{i}].{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(failure.PropertyName)}";
                errors[field] = [.. errors.GetValueOrDefault(field, []), failure.ErrorMessage];
            }
        }

        if (items.Select(i => i?.Key?.Trim()).GroupBy(k => k).Any(g => g.Count() > 1))
        {
            errors["items"] = [ErrorText.Get("TemplateKeyRepeated")];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
    }
}
