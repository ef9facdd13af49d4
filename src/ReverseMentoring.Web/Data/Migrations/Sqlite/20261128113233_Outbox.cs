using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Outbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    AttachmentFileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    AttachmentContentType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AttachmentContent = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    FailedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Key",
                table: "OutboxMessages",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Recipient",
                table: "OutboxMessages",
                column: "Recipient");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_SentAtUtc_FailedAtUtc_NextAttemptAtUtc",
                table: "OutboxMessages",
                columns: new[] { "SentAtUtc", "FailedAtUtc", "NextAttemptAtUtc" });

            // Every message sent so far keeps its key, so none is sent again. One claimed but never recorded as sent (its
            // instance stopped mid-send) cannot be sent now, as its text was never kept: it shows as not delivered.
            migrationBuilder.Sql("""
                INSERT INTO "OutboxMessages" ("Key", "Recipient", "Subject", "Text", "CreatedAtUtc", "Attempts", "NextAttemptAtUtc", "SentAtUtc", "LastError", "FailedAtUtc")
                SELECT "Key", "Recipient", "Subject", '', "CreatedAtUtc", 1, "CreatedAtUtc", "SentAtUtc",
                    CASE WHEN "SentAtUtc" IS NULL THEN 'Interrupted while sending, before messages were kept in the outbox.' END,
                    CASE WHEN "SentAtUtc" IS NULL THEN "CreatedAtUtc" END
                FROM "SentNotifications"
                """);

            migrationBuilder.DropTable(
                name: "SentNotifications");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SentNotifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SentNotifications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SentNotifications_Key",
                table: "SentNotifications",
                column: "Key",
                unique: true);

            migrationBuilder.Sql("""
                INSERT INTO "SentNotifications" ("Key", "Recipient", "Subject", "CreatedAtUtc", "SentAtUtc")
                SELECT "Key", "Recipient", "Subject", "CreatedAtUtc", "SentAtUtc"
                FROM "OutboxMessages"
                """);

            migrationBuilder.DropTable(
                name: "OutboxMessages");
        }
    }
}
