using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Mail;

/// <summary>
/// A command that queues more e-mails than are sent while HR waits (a cohort message) answers at once and sends them in
/// the background: each person still gets exactly one, and the outbox records every one as sent.
/// </summary>
public sealed class LargeBatchDeliveryTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_cohort_larger_than_the_waiting_limit_is_sent_in_the_background_once_each()
    {
        var program = await app.ProgramAsync();
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var people = new List<Person>();
        for (var i = 0; i <= Outbox.SentWhileWaiting + 4; i++)
        {
            var mentee = await app.PersonAsync(Roles.Mentee, TestData.Unique("Cohort"));
            await app.EnrolAsync(program, mentee, ParticipantRole.Mentee);
            people.Add(mentee);
        }

        var result = await app.SendAsync(new MessageCohort.Command
        {
            ProgramId = program.Id, Audience = MessageCohort.Audience.Mentees, Subject = "Kick-off", Text = "See you Monday.", Confirmed = true,
        }, hr.As);
        Assert.Equal(people.Count, result.Count);

        // Wait on the outbox, not on a clock: every message of the batch ends up sent.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await UnsentAsync() > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, await UnsentAsync());
        Assert.All(people, person => Assert.Single(app.MailTo(person.Email)));

        Task<int> UnsentAsync()
        {
            var addresses = people.Select(p => p.Email).ToList();
            return app.ExecuteDbContextAsync(db => db.OutboxMessages.CountAsync(m => m.SentAtUtc == null && addresses.Contains(m.Recipient)));
        }
    }
}
