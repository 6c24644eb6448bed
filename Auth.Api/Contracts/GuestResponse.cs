namespace Auth.Api.Contracts;

/// <summary>An anonymous caller: a guest, told whether sign-up is open (the browser app hides it when closed).</summary>
public sealed record GuestResponse(string Role, bool SignupOpen);
