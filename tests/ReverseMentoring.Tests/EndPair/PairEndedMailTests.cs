using ReverseMentoring.Web.Features.Pairs;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.EndPair;

/// <summary>
/// The people of a pair hear when it ends: when one side ends it, the other is told who, how and why; when HR ends it,
/// both are; and either way how many planned sessions were called off.
/// </summary>
public sealed class PairEndedMailTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task When_a_mentee_ends_the_pair_only_the_mentor_is_told_with_the_reason_and_the_cancelled_session()
    {
        var pair = await app.PairAsync(mentorName: Unique("Maya"), menteeName: Unique("Simon"));
        await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(3));

        await app.SendAsync(new Web.Features.Pairs.EndPair.Command
        {
            PairId = pair.Id, Ending = PairEnding.EndedEarly, Reason = "New role abroad.", Confirm = true, Version = pair.Version,
        }, pair.Mentee.As);

        var mail = Assert.Single(app.MailTo(pair.Mentor.Email));
        Assert.Equal($"Your pair with {pair.Mentee.User.DisplayName} has ended: {pair.Program.Name}", mail.Subject);
        Assert.Contains($"{pair.Mentee.User.DisplayName} ended your pair in {pair.Program.Name} early.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("The reason given: New role abroad.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Your planned session was cancelled", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(app.MailTo(pair.Mentee.Email));
    }

    [Fact]
    public async Task When_hr_ends_a_pair_both_sides_are_told_it_was_hr()
    {
        var pair = await app.PairAsync(mentorName: Unique("Maya"), menteeName: Unique("Simon"));
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        await app.SendAsync(new EndPairByCoordinator.Command
        {
            ProgramId = pair.Program.Id, PairId = pair.Id, Ending = PairEnding.Completed, Confirm = true, Version = pair.Version,
        }, hr.As);

        Assert.Contains($"HR ended your pair with {pair.Mentee.User.DisplayName} in {pair.Program.Name}, as completed.", Assert.Single(app.MailTo(pair.Mentor.Email)).TextBody, StringComparison.Ordinal);
        var mentee = Assert.Single(app.MailTo(pair.Mentee.Email));
        Assert.Contains($"HR ended your pair with {pair.Mentor.User.DisplayName}", mentee.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("planned session", mentee.TextBody, StringComparison.Ordinal);
    }
}
