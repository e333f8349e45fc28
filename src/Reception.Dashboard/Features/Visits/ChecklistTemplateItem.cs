namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// One item of a site's checklist template: which kinds of post carry it, at which levels, and how long
/// before the arrival it is due. A visit copies the items that apply when a post joins it.
/// </summary>
public sealed class ChecklistTemplateItem
{
    public const int KeyMaxLength = 40;
    public const int RuleMaxLength = 40;
    public const int TextMaxLength = 200;

    public Guid Id { get; init; }
    public Guid SiteId { get; init; }
    public int Order { get; init; }
    public string Key { get; init; } = "";
    public string Rule { get; init; } = "";
    public string TextZh { get; init; } = "";
    public string TextEn { get; init; } = "";

    /// <summary>Comma-separated <see cref="PostKind"/> names.</summary>
    public string PostKinds { get; init; } = "";

    /// <summary>Comma-separated levels, such as "1,2,3".</summary>
    public string Levels { get; init; } = "";

    public int MinutesBefore { get; init; }

    public IReadOnlyList<PostKind> Kinds => PostKinds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<PostKind>).ToList();

    public IReadOnlyList<int> LevelList => Levels.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();

    public bool AppliesTo(PostKind kind, int level) => Kinds.Contains(kind) && LevelList.Contains(level);

    public ChecklistTemplateItemDto ToDto() => new(Key, Rule, TextZh, TextEn, Kinds, LevelList, MinutesBefore);

    public static ChecklistTemplateItem From(Guid siteId, int order, ChecklistTemplateItemDto dto) => new()
    {
        Id = Guid.CreateVersion7(),
        SiteId = siteId,
        Order = order,
        Key = dto.Key!.Trim(),
        Rule = dto.Rule!.Trim(),
        TextZh = dto.TextZh!.Trim(),
        TextEn = dto.TextEn!.Trim(),
        PostKinds = string.Join(',', dto.PostKinds!.Distinct().Order()),
        Levels = string.Join(',', dto.Levels!.Distinct().Order()),
        MinutesBefore = dto.MinutesBefore!.Value,
    };
}

/// <summary>The template every site starts with, taken from the customer's rules (DOMAIN §2).</summary>
public static class DefaultChecklist
{
    private static readonly PostKind[] DutyPosts = [PostKind.Gate, PostKind.Lobby];
    private static readonly PostKind[] SecurityPosts = [PostKind.Gate, PostKind.Lobby, PostKind.PatrolTeam, PostKind.DutyRoom];
    private static readonly int[] AllLevels = [1, 2, 3];

    public static readonly IReadOnlyList<ChecklistTemplateItemDto> Items =
    [
        new("uniform-ironed", "§4.4.1.1", "服装已整烫", "Uniform ironed", SecurityPosts, AllLevels, 30),
        new("duty-dress", "§4.4.1.2", "着制服、制式皮鞋、白手套、精神带", "Uniform, regulation shoes, white gloves, spirit belt", DutyPosts, AllLevels, 30),
        new("patrol-dress", "§4.4.1.3", "迷彩服、制式皮鞋、钢盔、白手套、警棍、武装带", "Camouflage, regulation shoes, helmet, white gloves, baton, outer belt", [PostKind.PatrolTeam], AllLevels, 30),
        new("in-position", "§4.5.4", "已到达指定岗位", "In position at the designated post", [PostKind.Gate, PostKind.Lobby, PostKind.PatrolTeam], AllLevels, 30),
        new("route-clear", "§4.5.2", "违章已清理，路面畅通", "Violations cleared, route clear", [PostKind.Gate, PostKind.PatrolTeam], AllLevels, 30),
        new("cameras-on-route", "§4.5.1", "所有镜头已对准接待路线", "All cameras aimed at the reception route", [PostKind.DutyRoom], AllLevels, 30),
        new("recording-ready", "§4.2.3", "现场录像已就绪", "Recording of the visit ready", [PostKind.DutyRoom], AllLevels, 30),
        new("music-on", "§4.5.5", "园区背景音乐已开启", "Background music on", [PostKind.DutyRoom], AllLevels, 30),
        new("fountain-notice", "§4.5.3", "已通知工程部开启水景", "Engineering told to switch on the fountain", [PostKind.DutyRoom], [1, 2], 30),
    ];

    public static IEnumerable<ChecklistTemplateItem> For(Guid siteId) => Items.Select((item, i) => ChecklistTemplateItem.From(siteId, i, item));
}

public sealed class ChecklistTemplateItemConfiguration : IEntityTypeConfiguration<ChecklistTemplateItem>
{
    public void Configure(EntityTypeBuilder<ChecklistTemplateItem> builder)
    {
        builder.ToTable("ChecklistTemplate");
        builder.Property(t => t.Key).HasMaxLength(ChecklistTemplateItem.KeyMaxLength);
        builder.Property(t => t.Rule).HasMaxLength(ChecklistTemplateItem.RuleMaxLength);
        builder.Property(t => t.TextZh).HasMaxLength(ChecklistTemplateItem.TextMaxLength);
        builder.Property(t => t.TextEn).HasMaxLength(ChecklistTemplateItem.TextMaxLength);
        builder.Property(t => t.PostKinds).HasMaxLength(200);
        builder.Property(t => t.Levels).HasMaxLength(16);
        builder.Ignore(t => t.Kinds);
        builder.Ignore(t => t.LevelList);
        builder.HasIndex(t => new { t.SiteId, t.Key }).IsUnique();
        builder.HasOne<Site>().WithMany().HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
