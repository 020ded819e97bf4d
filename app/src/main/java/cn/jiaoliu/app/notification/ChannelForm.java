package cn.jiaoliu.app.notification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A group channel as the office enters it: which robot, a name the office knows it by, the robot's
 * webhook address and, for a DingTalk robot with 加签, its signing secret.
 */
record ChannelForm(
    @NotNull(message = "error.required") ChannelKind kind,
    @NotBlank(message = "error.required") @Size(max = 100, message = "error.tooLong") String name,
    @NotBlank(message = "error.required") @Size(max = 1000, message = "error.tooLong") String url,
    @Size(max = 200, message = "error.tooLong") String secret) {}
