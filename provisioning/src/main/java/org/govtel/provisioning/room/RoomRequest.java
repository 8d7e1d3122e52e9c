package org.govtel.provisioning.room;

/**
 * Create or change a meeting room. PINs left out are generated (create) or kept (update).
 * {@code number} is ignored on update (the path names the room).
 */
public record RoomRequest(String number, String nameZh, String nameEn, String pin, String moderatorPin) { }
