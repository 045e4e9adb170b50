namespace OneStop.Web.Components.Pages.Account;

/// <summary>Marker for the Account pages' texts: Resources/Components/Pages/Account/AccountResource.resx (Vietnamese, the neutral language) and .en.resx.</summary>
public sealed class AccountResource;
