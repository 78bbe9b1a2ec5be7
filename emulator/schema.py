"""The field names the Bot API reference defines for each object the emulator emits.

Kept by hand from https://core.telegram.org/bots/api (Bot API 9.x), so a conformance test can
prove the emulator sends nothing Telegram would not: an invented field would make tests pass
against behaviour no real bot ever meets. `NESTED` says which fields hold which object type.
"""

from __future__ import annotations

_MESSAGE_FIELDS = """
message_id message_thread_id direct_messages_topic from sender_chat sender_boost_count
sender_business_bot date business_connection_id chat forward_origin is_topic_message
is_automatic_forward reply_to_message external_reply quote reply_to_story
reply_to_checklist_task_id via_bot edit_date has_protected_content is_from_offline is_paid_post
media_group_id author_signature paid_star_count text entities link_preview_options
suggested_post_info effect_id animation audio document paid_media photo sticker story video
video_note voice caption caption_entities show_caption_above_media has_media_spoiler checklist
contact dice game poll venue location new_chat_members left_chat_member new_chat_title
new_chat_photo delete_chat_photo group_chat_created supergroup_chat_created channel_chat_created
message_auto_delete_timer_changed migrate_to_chat_id migrate_from_chat_id pinned_message invoice
successful_payment refunded_payment users_shared chat_shared gift unique_gift connected_website
write_access_allowed passport_data proximity_alert_triggered boost_added chat_background_set
checklist_tasks_done checklist_tasks_added direct_message_price_changed forum_topic_created
forum_topic_edited forum_topic_closed forum_topic_reopened general_forum_topic_hidden
general_forum_topic_unhidden giveaway_created giveaway giveaway_winners giveaway_completed
paid_message_price_changed suggested_post_approved suggested_post_approval_failed
suggested_post_declined suggested_post_paid suggested_post_refunded video_chat_scheduled
video_chat_started video_chat_ended video_chat_participants_invited web_app_data reply_markup
forward_from forward_from_chat forward_from_message_id forward_signature forward_sender_name
forward_date
"""

FIELDS: dict[str, frozenset[str]] = {
    name: frozenset(text.split())
    for name, text in {
        "Update": """update_id message edited_message channel_post edited_channel_post
            business_connection business_message edited_business_message
            deleted_business_messages message_reaction message_reaction_count inline_query
            chosen_inline_result callback_query shipping_query pre_checkout_query
            purchased_paid_media poll poll_answer my_chat_member chat_member chat_join_request
            chat_boost removed_chat_boost""",
        "Message": _MESSAGE_FIELDS,
        "InaccessibleMessage": "chat message_id date",
        "User": """id is_bot first_name last_name username language_code is_premium
            added_to_attachment_menu can_join_groups can_read_all_group_messages
            supports_inline_queries can_connect_to_business has_main_web_app""",
        "Chat": "id type title username first_name last_name is_forum is_direct_messages",
        "MessageEntity": "type offset length url user language custom_emoji_id",
        "LinkPreviewOptions": """is_disabled url prefer_small_media prefer_large_media
            show_above_text""",
        "CallbackQuery": "id from message inline_message_id chat_instance data game_short_name",
        "Document": "file_id file_unique_id thumbnail file_name mime_type file_size",
        "PhotoSize": "file_id file_unique_id width height file_size",
        "Sticker": """file_id file_unique_id type width height is_animated is_video thumbnail
            emoji set_name premium_animation mask_position custom_emoji_id needs_repainting
            file_size""",
        "File": "file_id file_unique_id file_size file_path",
        "WebhookInfo": """url has_custom_certificate pending_update_count ip_address
            last_error_date last_error_message last_synchronization_error_date max_connections
            allowed_updates""",
        "InlineKeyboardMarkup": "inline_keyboard",
        "InlineKeyboardButton": """text url callback_data web_app login_url switch_inline_query
            switch_inline_query_current_chat switch_inline_query_chosen_chat copy_text
            callback_game pay""",
        "BotCommand": "command description",
    }.items()
}

# (object type, field) -> type of the value; a list of objects is written "[Type]",
# a keyboard (list of lists) "[[Type]]".
NESTED: dict[tuple[str, str], str] = {
    ("Update", "message"): "Message",
    ("Update", "edited_message"): "Message",
    ("Update", "callback_query"): "CallbackQuery",
    ("Message", "from"): "User",
    ("Message", "chat"): "Chat",
    ("Message", "reply_to_message"): "Message",
    ("Message", "entities"): "[MessageEntity]",
    ("Message", "caption_entities"): "[MessageEntity]",
    ("Message", "link_preview_options"): "LinkPreviewOptions",
    ("Message", "document"): "Document",
    ("Message", "photo"): "[PhotoSize]",
    ("Message", "sticker"): "Sticker",
    ("Message", "reply_markup"): "InlineKeyboardMarkup",
    ("InaccessibleMessage", "chat"): "Chat",
    ("CallbackQuery", "from"): "User",
    ("CallbackQuery", "message"): "Message",
    ("MessageEntity", "user"): "User",
    ("Document", "thumbnail"): "PhotoSize",
    ("Sticker", "thumbnail"): "PhotoSize",
    ("InlineKeyboardMarkup", "inline_keyboard"): "[[InlineKeyboardButton]]",
}
