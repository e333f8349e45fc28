namespace Reception.Dashboard.Features.Admin;

/// <summary>The admin pages' words: <c>AdminText.resx</c> (English) and <c>AdminText.zh-Hans.resx</c>; every key in both.</summary>
public sealed class AdminText;
