using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Security;

/// <summary>The app with a password hasher that counts the passwords it checks, so that the work a sign-in does is visible.</summary>
public sealed class CountingHasherApp : AppFactory
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<AppUser>>(Hasher));
    }
}

/// <summary>Identity's hasher, counting how many passwords it was asked to check against a hash.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _checks;

    public int Checks => Volatile.Read(ref _checks);

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _checks);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>
/// Nothing the app answers tells whether an address has an account: not registration, not the sign-in message, not a
/// lockout, and not the time a sign-in takes (shown by the work done, a password check, rather than by a stopwatch).
/// </summary>
public sealed partial class AccountEnumerationTests(CountingHasherApp app) : IClassFixture<CountingHasherApp>
{
    private const string WrongPassword = "Not-The-Password-1";

    private static Dictionary<string, string> Registration(string email) => new()
    {
        ["Data.Email"] = email,
        ["Data.DisplayName"] = "Sam Prober",
        ["Data.TimeZoneId"] = "Europe/London",
        ["Data.JoiningAs"] = Roles.Mentor,
        ["Data.Password"] = "Probing-Password-2026",
        ["Data.ConfirmPassword"] = "Probing-Password-2026",
    };

    private Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = password });

    /// <summary>The page as a prober compares it: without the one-off anti-forgery token and the address they typed.</summary>
    private static async Task<string> ComparableAsync(HttpResponseMessage response, string email)
    {
        var html = await response.Content.ReadAsStringAsync();
        return AntiforgeryToken().Replace(html, "value=\"token\"").Replace(email, "{email}", StringComparison.OrdinalIgnoreCase);
    }

    private static bool SetsSignInCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("rm.auth=", StringComparison.Ordinal));

    [Fact]
    public async Task Registering_with_an_address_that_has_an_account_answers_exactly_like_a_new_address()
    {
        var existing = await app.CreateUserAsync(Roles.Mentee);
        var unknown = $"unknown-{Guid.NewGuid():N}@example.com";

        var taken = await app.Client().PostFormAsync("/Account/Register", Registration(existing.Email!));
        var free = await app.Client().PostFormAsync("/Account/Register", Registration(unknown));

        Assert.Equal(free.StatusCode, taken.StatusCode);
        Assert.Equal(free.Headers.Location, taken.Headers.Location);
        Assert.Equal(await ComparableAsync(free, unknown), await ComparableAsync(taken, existing.Email!));
        Assert.False(SetsSignInCookie(free) || SetsSignInCookie(taken));

        // Both addresses get an e-mail: one to confirm a new account, one telling the owner of the attempt.
        Assert.Single(app.MailTo(unknown));
        Assert.Single(app.MailTo(existing.Email!));
    }

    [Fact]
    public async Task Signing_in_answers_an_unknown_address_a_wrong_password_and_a_locked_account_alike()
    {
        var known = await app.CreateUserAsync(Roles.Mentor);
        var locked = await app.CreateUserAsync(Roles.Mentor);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignInAsync(locked.Email!, WrongPassword);
        }

        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";
        var answers = new[]
        {
            (Email: unknown, Response: await SignInAsync(unknown, WrongPassword)),
            (Email: known.Email!, Response: await SignInAsync(known.Email!, WrongPassword)),
            (Email: locked.Email!, Response: await SignInAsync(locked.Email!, WrongPassword)),
            (Email: locked.Email!, Response: await SignInAsync(locked.Email!, AppFactory.Password)),
        };

        var first = await ComparableAsync(answers[0].Response, answers[0].Email);
        foreach (var (email, response) in answers)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(SetsSignInCookie(response));
            Assert.Equal(first, await ComparableAsync(response, email));
        }

        Assert.DoesNotContain("This account is locked", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_costs_a_password_check_like_a_wrong_password_does()
    {
        var known = await app.CreateUserAsync(Roles.Mentor);
        var locked = await app.CreateUserAsync(Roles.Mentee);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignInAsync(locked.Email!, WrongPassword);
        }

        async Task<int> ChecksForAsync(string email, string password)
        {
            var before = app.Hasher.Checks;
            await SignInAsync(email, password);
            return app.Hasher.Checks - before;
        }

        var wrongPassword = await ChecksForAsync(known.Email!, WrongPassword);
        var unknownAddress = await ChecksForAsync($"nobody-{Guid.NewGuid():N}@example.com", WrongPassword);
        var lockedAccount = await ChecksForAsync(locked.Email!, AppFactory.Password);

        Assert.Equal(1, wrongPassword);
        Assert.Equal(wrongPassword, unknownAddress);
        Assert.Equal(wrongPassword, lockedAccount);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"")]
    private static partial Regex AntiforgeryToken();
}
