using System.Net;
using System.Reflection;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Account;
using ReverseMentoring.Web.Features.Privacy;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Pipeline;

public sealed class PipelineTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Invalid_commands_are_stopped_before_their_handler_whatever_calls_them()
    {
        var command = new Register.Command { Email = "broken", DisplayName = "", TimeZoneId = "UTC", JoiningAs = Roles.Mentor, Password = "x", ConfirmPassword = "x" };

        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command));

        Assert.Same(command, invalid.Request);
        Assert.Contains(invalid.Failures, f => f.PropertyName == nameof(Register.Command.Email));
        Assert.Contains(invalid.Failures, f => f.PropertyName == nameof(Register.Command.DisplayName));
        Assert.Contains(invalid.Failures, f => f.PropertyName == nameof(Register.Command.Password));
        Assert.False(await app.ExecuteDbContextAsync(db => db.Users.AnyAsync(u => u.Email == "broken")));
    }

    [Fact]
    public async Task Authorization_runs_before_validation_so_strangers_learn_nothing_from_errors()
    {
        var empty = new ChangePassword.Command();

        var refused = await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(empty));

        Assert.False(refused.SignedIn);
    }

    [Fact]
    public async Task A_command_that_fails_half_way_saves_nothing()
    {
        // An invitation naming a role that does not exist makes the handler fail after the user row was written.
        var email = $"half-{Guid.NewGuid():N}@example.com";
        var invitation = new Invitation { Email = email, Role = "Astronaut", InvitedAtUtc = DateTime.UtcNow, ExpiresAtUtc = DateTime.UtcNow.AddDays(1) };
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
        });
        var command = new Register.Command
        {
            Email = email, DisplayName = "Half Saved", TimeZoneId = "UTC", Password = "Fresh-Password-2026", ConfirmPassword = "Fresh-Password-2026", InvitationToken = invitation.Token,
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.SendAsync(command));

        Assert.False(await app.ExecuteDbContextAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.Null((await app.ExecuteDbContextAsync(db => db.Invitations.SingleAsync(i => i.Id == invitation.Id))).AcceptedAtUtc);
    }

    [Fact]
    public async Task Input_that_cannot_be_bound_is_refused_with_400_before_any_handler()
    {
        var user = await app.CreateUserAsync(Roles.Mentor);

        var response = await app.Client().PostFormAsync("/Account/SignIn", new()
        {
            ["Data.Email"] = user.Email!,
            ["Data.Password"] = AppFactory.Password,
            ["Data.RememberMe"] = "perhaps",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not valid", HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.RememberMe"), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("rm.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_request_declares_who_may_send_it()
    {
        var requests = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMessage).IsAssignableFrom(t))
            .ToList();

        Assert.NotEmpty(requests);
        Assert.All(requests, type => Assert.True(
            type.GetCustomAttribute<AllowedRolesAttribute>() is not null
            || type.GetCustomAttribute<AnySignedInUserAttribute>() is not null
            || type.GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null,
            $"{type.FullName} declares no audience."));
    }

    [Fact]
    public void A_request_without_a_declared_audience_is_refused_not_let_through()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RequestAudience.Of(typeof(Undeclared)));

        Assert.Contains("declares no audience", error.Message, StringComparison.Ordinal);
    }

    private sealed record Undeclared : IQuery<int>;
}
