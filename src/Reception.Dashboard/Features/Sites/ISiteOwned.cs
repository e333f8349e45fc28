namespace Reception.Dashboard.Features.Sites;

/// <summary>Something that belongs to one site and is named by its id there: a post, a shift, a department, a staff record.</summary>
public interface ISiteOwned
{
    Guid Id { get; }

    Guid SiteId { get; }
}
