using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ChatWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChatKind",
                table: "Programs",
                type: "nvarchar(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChatWebhookUrl",
                table: "Programs",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ChatWeeklySummary",
                table: "Programs",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ChatKind",
                table: "OutboxMessages",
                type: "nvarchar(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WebhookUrl",
                table: "OutboxMessages",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReminderChatKind",
                table: "AspNetUsers",
                type: "nvarchar(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReminderChatWebhookUrl",
                table: "AspNetUsers",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChatKind",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "ChatWebhookUrl",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "ChatWeeklySummary",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "ChatKind",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "WebhookUrl",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "ReminderChatKind",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ReminderChatWebhookUrl",
                table: "AspNetUsers");
        }
    }
}
