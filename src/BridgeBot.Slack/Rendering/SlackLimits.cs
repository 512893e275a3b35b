namespace BridgeBot.Slack.Rendering;

/// <summary>Block Kit limits (node-slack-sdk packages/types; docs.slack.dev/reference/block-kit).</summary>
public static class SlackLimits
{
    public const int MessageBlocks = 50;
    public const int ViewBlocks = 100;
    public const int SectionText = 3000;
    public const int SectionFields = 10;
    public const int FieldText = 2000;
    public const int HeaderText = 150;
    public const int InputLabel = 2000;
    public const int Placeholder = 150;
    public const int OptionText = 75;
    public const int OptionValue = 150;
    public const int SelectOptions = 100;
    public const int CheckboxOptions = 10;
    public const int ActionsElements = 25;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int ActionId = 255;
    public const int BlockId = 255;
    public const int ViewTitle = 24;
    public const int PrivateMetadata = 3000;
    public const int CallbackId = 255;
    public const int NotificationText = 3000;
    public const int TextInputMaxLength = 3000;
}
