namespace Reception.Dashboard.Features.Accounts;

/// <summary>The account pages' words: <c>AccountText.resx</c> (English) and <c>AccountText.zh-Hans.resx</c>; every key in both.</summary>
public sealed class AccountText;
