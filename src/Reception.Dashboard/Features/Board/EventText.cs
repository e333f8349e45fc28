using Microsoft.Extensions.Localization;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Localization;

namespace Reception.Dashboard.Features.Board;

/// <summary>One line, in the reader's language, for an event on the board's feed or the wall.</summary>
public static class EventText
{
    public static string Describe(IStringLocalizer<Text> T, BoardEvent e) => e.Type switch
    {
        EventTypes.PostCreated => T["Event.PostCreated", e.DataAs<PostChanged>().Name],
        EventTypes.PostUpdated => T["Event.PostUpdated", e.DataAs<PostChanged>().Name],
        EventTypes.PostArchived => T["Event.PostArchived", e.DataAs<PostChanged>().Name],
        EventTypes.PostRestored => T["Event.PostRestored", e.DataAs<PostChanged>().Name],
        EventTypes.SiteCreated => T["Event.SiteCreated", e.DataAs<SiteChanged>().Name],
        EventTypes.SiteUpdated => T["Event.SiteUpdated", e.DataAs<SiteChanged>().Name],
        EventTypes.ShiftCreated or EventTypes.ShiftUpdated => T["Event.ShiftChanged"],
        EventTypes.DepartmentCreated or EventTypes.DepartmentUpdated => T["Event.DepartmentChanged", e.DataAs<DepartmentChanged>().Name],
        EventTypes.StaffCreated or EventTypes.StaffUpdated => T["Event.StaffChanged"],
        EventTypes.RoleGranted or EventTypes.RoleRevoked => T["Event.RoleChanged"],
        EventTypes.RosterChanged => T["Event.RosterChanged"],
        EventTypes.UnitsImported => T["Event.UnitsImported"],
        _ => e.Type,
    };
}
